"""The database on a full disk: writes answer `InternalErrorException: Internal error`, reads keep
working, each failure is logged once at `error` naming the cause plainly (SQLITE_FULL), and writes
resume once space is freed. Needs a small tmpfs (root with CAP_SYS_ADMIN); skipped otherwise."""
from __future__ import annotations

import errno
import os
import subprocess

import pytest

from e2e import aws_error, create_pool, post


@pytest.fixture
def small_disk(tmp_path):
    mountpoint = tmp_path / "small-disk"
    mountpoint.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(mountpoint)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a 4 MiB tmpfs for the disk-full test (needs root with CAP_SYS_ADMIN): "
                    f"{result.stderr.strip() or result.returncode}")
    yield mountpoint
    subprocess.run(["umount", "-l", str(mountpoint)], capture_output=True)


def fill(directory) -> int:
    """Writes a filler file until the file system is full; returns the bytes written."""
    written = 0
    with open(directory / "filler", "wb", buffering=0) as handle:
        block = b"\0" * 4096
        while True:
            try:
                written += handle.write(block)
            except OSError as error:
                assert error.errno == errno.ENOSPC, error
                return written


def test_full_disk_fails_writes_keeps_reads_logs_the_cause_and_recovers(server_factory, small_disk):
    server = server_factory(db=str(small_disk / "cognito.sqlite3"), args=("--log-level", "warning"))
    cognito = server.client()
    kept = create_pool(cognito)["Id"]
    assert fill(small_disk) > 0
    with aws_error("InternalErrorException", "Internal error", 500):
        create_pool(cognito)
    request_ids = []
    for index in range(3):
        r = post(server, "CreateUserPool", {"PoolName": f"full-{index}"})
        assert (r.status, r.json()) == (500, {"__type": "InternalErrorException", "message": "Internal error"})
        request_ids.append(r.header("x-amzn-RequestId"))
    assert cognito.describe_user_pool(UserPoolId=kept)["UserPool"]["Id"] == kept
    assert [p["Id"] for p in cognito.list_user_pools(MaxResults=60)["UserPools"]] == [kept]
    log = server.stderr().splitlines()
    for request_id in request_ids:  # logged once each, at error, with the cause named plainly
        lines = [line for line in log if request_id in line]
        assert len(lines) == 1, log[-20:]
        assert " ERROR CreateUserPool failed" in lines[0] and "database disk is full (SQLITE_FULL, 13)" in lines[0]
    os.remove(small_disk / "filler")
    created = create_pool(cognito)["Id"]
    assert {p["Id"] for p in cognito.list_user_pools(MaxResults=60)["UserPools"]} == {kept, created}
    assert server.running()
