"""Command-line mistakes a new user makes, through the real binary: each gets one clear line, the
right exit status, and leaves no file behind that the mistake would have created."""
from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

from e2e import binary_path, free_port


def run_binary(*args, env=None, timeout=20) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("MOCK_COGNITO_")}
    full_env.update(env or {})
    return subprocess.run([str(binary_path()), *args], capture_output=True, text=True, timeout=timeout,
                          env=full_env, stdin=subprocess.DEVNULL)


def test_export_of_a_missing_database_is_refused_and_creates_nothing(tmp_path):
    missing = tmp_path / "no-such-dir" / "missing.sqlite3"
    proc = run_binary("export", "--db", str(missing))
    assert proc.returncode == 66, proc
    assert proc.stdout == ""
    assert proc.stderr.strip() == (f"mock-cognito export: no database at {missing} (give the file with --db PATH or "
                                   "MOCK_COGNITO_DB; nothing was created)")
    assert not missing.parent.exists()
    flat = tmp_path / "missing.sqlite3"
    assert run_binary("export", env={"MOCK_COGNITO_DB": str(flat)}).returncode == 66
    assert list(tmp_path.iterdir()) == [], list(tmp_path.iterdir())


def test_export_refusal_names_the_port_the_server_really_uses(server_factory, tmp_path):
    server = server_factory(db=str(tmp_path / "busy.sqlite3"))
    assert server.port != 9229
    proc = run_binary("export", "--db", str(tmp_path / "busy.sqlite3"))
    assert proc.returncode == 1
    assert f"ask it: curl http://127.0.0.1:{server.port}/_mock/export" in proc.stderr, proc.stderr
    assert "9229" not in proc.stderr


def test_port_in_use_says_so_once_and_leaves_no_database(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        db = tmp_path / "new-dir" / "fresh.sqlite3"
        proc = run_binary("--port", str(port), "--db", str(db))
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        f"mock-cognito: cannot listen on 127.0.0.1:{port}: Address already in use "
        "(choose another port with --port, or --port 0 for a free one)"]
    assert list(tmp_path.iterdir()) == [], list(tmp_path.rglob("*"))


def test_port_in_use_keeps_an_existing_database(tmp_path, server_factory):
    db = tmp_path / "kept.sqlite3"
    first = server_factory(db=str(db))
    first.client().create_user_pool(PoolName="kept")
    assert first.stop() == 0
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        proc = run_binary("--port", str(taken.getsockname()[1]), "--db", str(db))
    assert proc.returncode == 1
    assert db.exists()
    again = server_factory(db=str(db))
    assert [p["Name"] for p in again.client().list_user_pools(MaxResults=10)["UserPools"]] == ["kept"]


def test_unknown_subcommand_is_called_a_command(tmp_path):
    proc = run_binary("exprot", "--db", str(tmp_path / "x.sqlite3"))
    assert proc.returncode == 64
    assert proc.stderr.splitlines()[0] == ("mock-cognito: unknown command 'exprot' (the commands are healthcheck, "
                                           "export; options start with --)")
    assert "unknown option" not in proc.stderr
    assert list(tmp_path.iterdir()) == []
    stray = run_binary("--port", "0", "stray")
    assert stray.returncode == 64
    assert stray.stderr.startswith("mock-cognito: unexpected argument 'stray'")
    after_command = run_binary("export", "state.json")
    assert after_command.returncode == 64
    assert after_command.stderr.startswith("mock-cognito: unexpected argument 'state.json'")


def test_seed_syntax_error_names_line_and_column(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "pools": [\n    {"id": "us-east-1_Example01",, "name": "x"}\n  ]\n}\n')
    proc = run_binary("--port", "0", "--db", ":memory:", "--seed", str(bad))
    assert proc.returncode == 65
    assert proc.stderr.strip() == (f"mock-cognito: seed file {bad}: $: not valid JSON at line 3, column 34: "
                                   "unexpected ',' (a missing or extra comma, quote or bracket? comments are not allowed)")
    truncated = tmp_path / "truncated.json"
    truncated.write_text('{"pools": [')
    proc = run_binary("--port", "0", "--db", ":memory:", "--seed", str(truncated))
    assert proc.returncode == 65
    assert "line 1, column 12: the file ends too early" in proc.stderr, proc.stderr
    for internal in ("unexpectedByte", "unexpectedEnd", "at byte"):
        assert internal not in proc.stderr


def test_unreadable_seed_file_says_why(tmp_path):
    missing = run_binary("--port", "0", "--db", ":memory:", "--seed", str(tmp_path / "missing.json"))
    assert missing.returncode == 65
    assert missing.stderr.strip() == f"mock-cognito: seed file {tmp_path / 'missing.json'}: $: cannot read the file: No such file or directory"
    directory = run_binary("--port", "0", "--db", ":memory:", "--seed", str(tmp_path))
    assert directory.returncode == 65
    assert directory.stderr.strip().endswith("cannot read the file: Is a directory"), directory.stderr
    if os.geteuid() != 0:  # root reads any file
        locked = tmp_path / "locked.json"
        locked.write_text("{}")
        locked.chmod(0)
        proc = run_binary("--port", "0", "--db", ":memory:", "--seed", str(locked))
        assert proc.stderr.strip().endswith("cannot read the file: Permission denied"), proc.stderr
