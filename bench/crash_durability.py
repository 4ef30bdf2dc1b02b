#!/usr/bin/env python3
"""Crash durability: concurrent SetUserPoolMfaConfig and AdminCreateUser load against mock-cognito,
`kill -9` at a random moment, restart on the same database, and check that every write answered 200
is there and that SQLite's `PRAGMA integrity_check` says ok. Repeats for N cycles.

    bench/crash_durability.py [--cycles 20] [--binary .build/release/mock-cognito]

Each writer thread owns one pool and writes to it in order, so after a crash its pool must hold the
last configuration that was answered 200, or the one that was in flight (sent, not yet answered),
and every user whose creation was answered 200. All traffic stays on 127.0.0.1; every process this
script starts is stopped before it exits."""
from __future__ import annotations

import argparse
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import boto3
from botocore.config import Config

REPO = Path(__file__).resolve().parents[1]
MODES = [
    {"MfaConfiguration": "OFF"},
    {"MfaConfiguration": "OPTIONAL", "SoftwareTokenMfaConfiguration": {"Enabled": True}},
    {"MfaConfiguration": "ON", "SoftwareTokenMfaConfiguration": {"Enabled": True}},
    {"MfaConfiguration": "ON", "SoftwareTokenMfaConfiguration": {"Enabled": False}},
]


def start(binary: str, db: str, log: Path) -> tuple[subprocess.Popen, str]:
    handle = open(log, "ab")
    proc = subprocess.Popen([binary, "--port", "0", "--db", db, "--log-level", "warning"],
                            stdout=handle, stderr=handle, stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        match = re.search(r"listening on (http://[^\s]+) ", log.read_text(errors="replace").split("cycle-start")[-1])
        if match:
            return proc, match.group(1)
        if proc.poll() is not None:
            sys.exit(f"mock-cognito exited early:\n{log.read_text(errors='replace')[-2000:]}")
        time.sleep(0.01)
    proc.kill()
    sys.exit("mock-cognito did not start")


def client(url: str):
    return boto3.client("cognito-idp", endpoint_url=url, region_name="us-east-1", aws_access_key_id="t",
                        aws_secret_access_key="t", config=Config(retries={"max_attempts": 1}, connect_timeout=2, read_timeout=5))


class Writer(threading.Thread):
    """Writes to its own pool in order and remembers what was acknowledged and what was in flight."""

    def __init__(self, url: str, pool_id: str, index: int, stop: threading.Event):
        super().__init__(daemon=True)
        self.cognito, self.pool_id, self.index, self.stop = client(url), pool_id, index, stop
        self.acked_config = None
        self.in_flight_config = None
        self.acked_users: list[str] = []
        self.count = 0

    def run(self):
        while not self.stop.is_set():
            self.count += 1
            try:
                if self.count % 2:
                    config = random.choice(MODES)
                    self.in_flight_config = config
                    self.cognito.set_user_pool_mfa_config(UserPoolId=self.pool_id, **config)
                    self.acked_config, self.in_flight_config = config, None
                else:
                    name = f"user-{self.index}-{self.count}-{random.getrandbits(32)}"
                    self.cognito.admin_create_user(UserPoolId=self.pool_id, Username=name, MessageAction="SUPPRESS")
                    self.acked_users.append(name)
            except Exception:  # the server was killed mid-request: what was not answered is not counted
                return


def expected_mode(config) -> str:
    return (config or {"MfaConfiguration": "OFF"})["MfaConfiguration"]


def run_cycle(number: int, binary: str, db: str, log: Path, pools: list[str], writers_per_cycle: int) -> tuple[int, int]:
    with open(log, "a") as handle:
        handle.write(f"\ncycle-start {number}\n")
    proc, url = start(binary, db, log)
    admin = client(url)
    while len(pools) < writers_per_cycle:
        pools.append(admin.create_user_pool(PoolName=f"crash-{len(pools)}")["UserPool"]["Id"])
    stop = threading.Event()
    writers = [Writer(url, pool_id, i, stop) for i, pool_id in enumerate(pools)]
    for writer in writers:
        writer.start()
    time.sleep(random.uniform(0.3, 1.5))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stop.set()
    for writer in writers:
        writer.join(timeout=10)

    with sqlite3.connect(db) as connection:  # opening it replays the WAL, as the server would
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
    if integrity != "ok":
        sys.exit(f"cycle {number}: integrity_check says {integrity}")

    with open(log, "a") as handle:
        handle.write(f"\ncycle-start {number}-verify\n")
    proc, url = start(binary, db, log)
    checker = client(url)
    acknowledged = 0
    try:
        for writer in writers:
            mode = checker.get_user_pool_mfa_config(UserPoolId=writer.pool_id)["MfaConfiguration"]
            allowed = {expected_mode(writer.acked_config)} | ({expected_mode(writer.in_flight_config)} if writer.in_flight_config else set())
            if writer.acked_config is not None and mode not in allowed:
                sys.exit(f"cycle {number}: pool {writer.pool_id} has {mode}, acknowledged {allowed}")
            for name in writer.acked_users:
                checker.admin_get_user(UserPoolId=writer.pool_id, Username=name)  # raises if lost
            acknowledged += len(writer.acked_users) + (writer.acked_config is not None)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)
    return acknowledged, sum(w.count for w in writers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cycles", type=int, default=20)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--binary", default=os.environ.get("MOCK_COGNITO_BINARY", str(REPO / ".build/release/mock-cognito")))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        db, log = str(Path(work) / "crash.sqlite3"), Path(work) / "server.log"
        log.touch()
        pools: list[str] = []
        total_acked = 0
        for number in range(1, args.cycles + 1):
            acked, attempted = run_cycle(number, args.binary, db, log, pools, args.writers)
            total_acked += acked
            print(f"cycle {number:2d}: kill -9 after {attempted} requests; {acked} acknowledged writes all present; integrity ok",
                  flush=True)
        print(f"{args.cycles} crash cycles, {total_acked} acknowledged writes checked, none lost")


if __name__ == "__main__":
    main()
