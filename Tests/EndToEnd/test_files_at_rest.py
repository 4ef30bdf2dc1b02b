"""The database holds RSA signing keys, client secrets and TOTP secrets: it, its -wal and -shm files
and every folder the server makes are owner-only (0600 / 0700) whatever the umask."""
from __future__ import annotations

import os
import stat
import subprocess

from e2e import binary_path, create_pool


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def with_umask(value, action):
    old = os.umask(value)
    try:
        return action()
    finally:
        os.umask(old)


def test_database_and_folders_are_owner_only_under_umask_022(server_factory, tmp_path):
    db = tmp_path / "made" / "by" / "server" / "cognito.sqlite3"
    server = with_umask(0o022, lambda: server_factory(db=str(db)))
    cognito = server.client()
    pool_id = create_pool(cognito)["Id"]
    cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="c", GenerateSecret=True)
    files = [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")]
    for path in files:
        assert path.exists(), path
        assert mode(path) == 0o600, (path, oct(mode(path)))
    for folder in (tmp_path / "made", tmp_path / "made" / "by", db.parent):
        assert mode(folder) == 0o700, (folder, oct(mode(folder)))
