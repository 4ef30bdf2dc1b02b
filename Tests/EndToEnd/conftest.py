"""pytest fixtures for the end-to-end tests; the helpers themselves live in e2e.py."""
from __future__ import annotations

import pytest

from e2e import Server


# -- fixtures ------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def shared_server(tmp_path_factory):
    """One server (temp db file) shared by the API tests; every test makes its own pools."""
    server = Server(tmp_path_factory.mktemp("shared")).start()
    yield server
    rc = server.stop()
    assert rc == 0, f"SIGTERM must end mock-cognito with exit code 0, got {rc}"


@pytest.fixture
def server(shared_server):
    if not shared_server.running():
        pytest.fail(f"the shared mock-cognito died earlier (exit {shared_server.proc.returncode}):\n"
                    f"{shared_server.stderr()[-4000:]}")
    return shared_server


@pytest.fixture
def cognito(server):
    return server.client()


@pytest.fixture
def server_factory(tmp_path):
    """Start private servers: `server_factory(db=..., args=(...), env={...})`. All are stopped at the end."""
    started: list[Server] = []

    def make(db: str | None = None, args: tuple[str, ...] = (), env: dict | None = None,
             start: bool = True, use_port_flag: bool = True) -> Server:
        s = Server(tmp_path, db=db, args=args, env=env, use_port_flag=use_port_flag)
        started.append(s)
        return s.start() if start else s

    yield make
    for s in started:
        if s.running():
            rc = s.stop()
            assert rc == 0, f"SIGTERM must end mock-cognito with exit code 0, got {rc}:\n{s.stderr()[-4000:]}"


@pytest.fixture
def fresh_server(server_factory):
    return server_factory()


@pytest.fixture
def memory_server(server_factory):
    return server_factory(db=":memory:")


