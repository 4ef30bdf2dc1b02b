#!/usr/bin/env python3
"""Soak test: a mixed keep-alive load (wrk, bench/soak.lua) plus hostile clients against one
mock-cognito for N minutes, sampling the server's RSS and open descriptors every 10 s.

Pass/fail criterion (both must hold):
* descriptors come back: 3 s after the load stops (every client gone), the server holds no more
  sockets than before the load (only the listener), no more other descriptors than before plus 2,
  and at most 16 more SQLite descriptors than before: the reader pool keeps up to 8 idle read
  connections (SQLiteStore.Database.maxIdleReaders), each holding the database file and its WAL;
* memory levels off: leaving out the warm-up (samples in the first 30 s, or the first 10 % of the
  run if longer), the median RSS of the last third of the samples taken under load is at most
  10 % + 8 MiB above the median of the first third. A leak per request or per connection grows
  without bound and fails this; caches and malloc arenas (one per connection thread, up to
  8 × cores) level off early: within about 100 s in a 10-minute release run. The one-minute CI run
  is a smoke check: its descriptor test is as strict, its RSS test catches only gross leaks.

Usage: bench/soak.py --minutes 10 [--binary PATH] [--json results.json]
All traffic goes to 127.0.0.1. The server and wrk are stopped by their PIDs.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET = "AWSCognitoIdentityProviderService."
MAX_CONNECTIONS = 256


def call(port: int, operation: str, body: dict) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/", data=json.dumps(body).encode(), method="POST",
        headers={"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": TARGET + operation})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"{}")


def descriptor_kinds(pid: int) -> dict[str, int]:
    """Open descriptors by kind: sockets, SQLite files (database, -wal, -shm, -journal), other."""
    kinds = {"socket": 0, "sqlite": 0, "other": 0}
    for name in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{name}")
        except OSError:
            continue
        if target.startswith("socket:"):
            kinds["socket"] += 1
        elif ".sqlite3" in target:
            kinds["sqlite"] += 1
        else:
            kinds["other"] += 1
    return kinds


def sample(pid: int) -> tuple[int, int, int]:
    """(RSS KiB, open descriptors, threads)."""
    rss = threads = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1])
        elif line.startswith("Threads:"):
            threads = int(line.split()[1])
    return rss, len(os.listdir(f"/proc/{pid}/fd")), threads


# -- hostile clients -------------------------------------------------------------------------------
def drain(sock: socket.socket, seconds: float = 3.0) -> bytes:
    sock.settimeout(seconds)
    data = bytearray()
    try:
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data.extend(chunk)
    except OSError:
        pass
    return bytes(data)


def connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=5)


def hostile_round(port: int, rng: random.Random, stop: threading.Event, counts: dict) -> None:
    def bump(name):
        counts[name] = counts.get(name, 0) + 1

    kind = rng.choice(["slowloris", "flood", "garbage", "half_close", "huge_head", "huge_body",
                       "deep_json", "bad_utf8", "reset", "pipelined", "churn"])
    try:
        if kind == "slowloris":
            socks = [connect(port) for _ in range(20)]
            head = b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Tar"
            for i in range(min(len(head), 4)):
                for s in socks:
                    s.send(head[i:i + 1])
                if stop.wait(1.0):
                    break
            for s in socks:
                s.close()
        elif kind == "flood":
            socks = []
            for _ in range(MAX_CONNECTIONS + 40):
                try:
                    socks.append(connect(port))
                except OSError:
                    break
            stop.wait(1.0)
            for s in socks:
                s.close()
        elif kind == "garbage":
            with connect(port) as s:
                s.sendall(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 4000))))
                s.shutdown(socket.SHUT_WR)
                drain(s)
        elif kind == "half_close":
            with connect(port) as s:
                s.sendall(b"POST / HTTP/1.1\r\nContent-Length: 50\r\n\r\n{\"Max")
                s.shutdown(socket.SHUT_WR)
                drain(s)
        elif kind == "huge_head":
            with connect(port) as s:
                try:
                    s.sendall(b"GET / HTTP/1.1\r\nX-Big: " + b"a" * 40_000 + b"\r\n\r\n")
                except OSError:
                    pass
                drain(s)
        elif kind == "huge_body":
            with connect(port) as s:
                s.sendall(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")
                try:
                    for _ in range(40):
                        s.sendall(b"8000\r\n" + b"x" * 0x8000 + b"\r\n")
                except OSError:
                    pass
                drain(s)
        elif kind == "deep_json":
            body = b'{"MaxResults":1,"NextToken":' + b"[" * 200_000 + b"]" * 200_000 + b"}"
            with connect(port) as s:
                s.sendall(b"POST / HTTP/1.1\r\nX-Amz-Target: " + TARGET.encode() + b"ListUserPools\r\n"
                          b"Connection: close\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
                drain(s)
        elif kind == "bad_utf8":
            body = b'{"MaxResults":1,"NextToken":"\xff\xed\xa0\x80"}'
            with connect(port) as s:
                s.sendall(b"POST / HTTP/1.1\r\nX-Amz-Target: " + TARGET.encode() + b"List\xffUserPools\r\n"
                          b"Connection: close\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
                drain(s)
        elif kind == "reset":
            s = connect(port)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            body = b'{"MaxResults":60}'
            s.sendall((b"POST / HTTP/1.1\r\nX-Amz-Target: " + TARGET.encode() + b"ListUserPools\r\n"
                       b"Content-Length: %d\r\n\r\n" % len(body) + body) * 30)
            s.close()
        elif kind == "pipelined":
            body = b'{"MaxResults":1}'
            one = (b"POST / HTTP/1.1\r\nX-Amz-Target: " + TARGET.encode() + b"ListUserPools\r\n"
                   b"Content-Length: %d\r\n\r\n" % len(body) + body)
            with connect(port) as s:
                s.sendall(one * 20 + b"GET /x HTTP/1.1\r\nConnection: close\r\n\r\n")
                drain(s)
        elif kind == "churn":
            for _ in range(50):
                with connect(port) as s:
                    s.sendall(b"GET /nothing HTTP/1.1\r\nConnection: close\r\n\r\n")
                    drain(s)
        bump(kind)
    except OSError as error:
        counts["client_errors"] = counts.get("client_errors", 0) + 1
        counts.setdefault("last_client_error", f"{kind}: {error}")


def hostile_loop(port: int, stop: threading.Event, counts: dict, seed: int) -> None:
    rng = random.Random(seed)
    while not stop.is_set():
        hostile_round(port, rng, stop, counts)
        stop.wait(0.2)


# -- main ------------------------------------------------------------------------------------------
def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--binary", default=str(REPO / ".build/release/mock-cognito"))
    parser.add_argument("--interval", type=float, default=10)
    parser.add_argument("--json")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="mock-cognito-soak-"))
    log = open(workdir / "server.log", "wb")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOCK_COGNITO_")}
    server = subprocess.Popen(
        [args.binary, "--port", "0", "--db", str(workdir / "soak.sqlite3"), "--log-level", "warning",
         "--max-connections", str(MAX_CONNECTIONS), "--read-timeout", "5", "--idle-timeout", "15"],
        stdout=log, stderr=log, stdin=subprocess.DEVNULL, env=env)
    port = 0
    for _ in range(400):
        text = (workdir / "server.log").read_text(errors="replace")
        if "listening on http://" in text:
            port = int(text.split("listening on http://127.0.0.1:")[1].split()[0])
            break
        time.sleep(0.05)
    if not port:
        print("server did not start:\n" + (workdir / "server.log").read_text(errors="replace"))
        server.kill()
        return 1

    wrk = None
    stop = threading.Event()
    try:
        pool = call(port, "CreateUserPool", {"PoolName": "soak"})["UserPool"]["Id"]
        app = call(port, "CreateUserPoolClient", {
            "UserPoolId": pool, "ClientName": "soak",
            "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]})["UserPoolClient"]["ClientId"]
        call(port, "AdminCreateUser", {"UserPoolId": pool, "Username": "soak-user", "MessageAction": "SUPPRESS"})
        call(port, "AdminSetUserPassword", {"UserPoolId": pool, "Username": "soak-user",
                                            "Password": "Soak-Passw0rd!", "Permanent": True})
        time.sleep(1)
        rss0, fds0, threads0 = sample(server.pid)
        kinds0 = descriptor_kinds(server.pid)
        print(f"before load: RSS {rss0 / 1024:.1f} MiB, {fds0} fds, {threads0} threads")

        seconds = int(args.minutes * 60)
        wrk_env = dict(os.environ, POOL_ID=pool, CLIENT_ID=app)
        wrk = subprocess.Popen(["wrk", "-t1", "-c8", f"-d{seconds}s", "-s", str(REPO / "bench/soak.lua"),
                                f"http://127.0.0.1:{port}/"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               env=wrk_env, text=True)
        counts: dict = {}
        hostiles = [threading.Thread(target=hostile_loop, args=(port, stop, counts, seed), daemon=True)
                    for seed in (1, 2)]
        for t in hostiles:
            t.start()

        samples = []
        started = time.monotonic()
        print(f"{'t (s)':>6} {'RSS MiB':>8} {'fds':>5} {'threads':>7}")
        while time.monotonic() - started < seconds:
            time.sleep(min(args.interval, max(0.0, seconds - (time.monotonic() - started))))
            if server.poll() is not None:
                print(f"server exited with {server.returncode}")
                return 1
            rss, fds, threads = sample(server.pid)
            t = time.monotonic() - started
            samples.append({"t": round(t), "rss_kib": rss, "fds": fds, "threads": threads})
            print(f"{t:6.0f} {rss / 1024:8.1f} {fds:5d} {threads:7d}", flush=True)

        stop.set()
        for t in hostiles:
            t.join(timeout=15)
        wrk_out = wrk.communicate(timeout=30)[0]
        wrk = None
        time.sleep(3)
        rss_end, fds_end, threads_end = sample(server.pid)
        kinds_end = descriptor_kinds(server.pid)
        print(f"after load (+3 s): RSS {rss_end / 1024:.1f} MiB, {fds_end} fds, {threads_end} threads")
        summary_line = next((l for l in wrk_out.splitlines() if l.startswith("SOAK ")), wrk_out.strip()[-300:])
        print("wrk:", summary_line)
        print("hostile rounds:", json.dumps(counts, sort_keys=True))

        # Normal request still answered.
        assert call(port, "GetUserPoolMfaConfig", {"UserPoolId": pool})["MfaConfiguration"] == "OFF"

        warm_up = max(30, seconds * 0.10)
        steady = [s for s in samples if s["t"] > warm_up] or samples
        third = max(1, len(steady) // 3)
        first = statistics.median(s["rss_kib"] for s in steady[:third])
        last = statistics.median(s["rss_kib"] for s in steady[-third:])
        # Short runs (CI's one minute) compare single samples on a shared machine: only a gross leak
        # should fail them, so they get a wider margin than the 10 % + 8 MiB of a real soak.
        margin = (1.10, 8 * 1024) if args.minutes >= 5 else (1.5, 32 * 1024)
        rss_ok = last <= first * margin[0] + margin[1]
        fds_ok = (kinds_end["socket"] <= kinds0["socket"] and kinds_end["other"] <= kinds0["other"] + 2
                  and kinds_end["sqlite"] <= kinds0["sqlite"] + 16)
        print(f"RSS median first third {first / 1024:.1f} MiB, last third {last / 1024:.1f} MiB "
              f"(limit {(first * margin[0] + margin[1]) / 1024:.1f}): {'ok' if rss_ok else 'GROWING'}")
        print(f"fds before {fds0} {kinds0}, after {fds_end} {kinds_end}: {'ok' if fds_ok else 'LEAKING'}")
        if args.json:
            Path(args.json).write_text(json.dumps({
                "minutes": args.minutes, "before": {"rss_kib": rss0, "fds": fds0, "threads": threads0, "fd_kinds": kinds0},
                "samples": samples, "after": {"rss_kib": rss_end, "fds": fds_end, "threads": threads_end, "fd_kinds": kinds_end},
                "wrk": summary_line, "hostile": counts, "rss_ok": rss_ok, "fds_ok": fds_ok}, indent=1))
        return 0 if rss_ok and fds_ok else 1
    finally:
        stop.set()
        if wrk is not None and wrk.poll() is None:
            wrk.send_signal(signal.SIGTERM)
            wrk.wait(timeout=10)
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        log.close()


if __name__ == "__main__":
    sys.exit(main())
