#!/usr/bin/env python3
"""Time from process launch to the first answered request, and the RSS right after it.

    bench/startup.py --launches 20 -- COMMAND... (the text {port} and {dir} in COMMAND are replaced)

Each launch gets a free 127.0.0.1 port and a fresh temporary directory (so mock-cognito creates its
database from nothing every time). The clock starts just before the process is spawned; a raw-socket
client then sends a ListUserPools POST every 0.5 ms until one is answered 200, reads VmRSS from
/proc/<pid>/status (start-up plus one request), and stops the process by its PID.
Prints one JSON object: every launch time in ms, the median, min and max, and the median VmRSS in kB."""
from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time

BODY = b'{"MaxResults":1}'


def request_bytes(port: int) -> bytes:
    return (b"POST / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: application/x-amz-json-1.1\r\n"
            b"X-Amz-Target: AWSCognitoIdentityProviderService.ListUserPools\r\n"
            b"Content-Length: %d\r\nConnection: close\r\n\r\n%s") % (port, len(BODY), BODY)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answered(port: int, payload: bytes) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
            s.sendall(payload)
            head = b""
            while b"\r\n" not in head:
                chunk = s.recv(4096)
                if not chunk:
                    return False
                head += chunk
            return head.startswith((b"HTTP/1.1 200", b"HTTP/1.0 200"))
    except OSError:
        return False


def vm_rss_kb(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def launch(command: list[str], timeout: float) -> tuple[float, int | None]:
    port = free_port()
    payload = request_bytes(port)
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as directory:
        argv = [part.replace("{port}", str(port)).replace("{dir}", directory) for part in command]
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while True:
                if answered(port, payload):
                    elapsed = time.perf_counter() - start
                    return elapsed * 1000, vm_rss_kb(proc.pid)
                if proc.poll() is not None:
                    sys.exit(f"{argv[0]} exited with status {proc.returncode} before answering")
                if time.perf_counter() - start > timeout:
                    sys.exit(f"{argv[0]} did not answer within {timeout} s")
                time.sleep(0.0005)
        finally:
            stop(proc)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--launches", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command")
    times, rss = [], []
    for _ in range(args.launches):
        ms, kb = launch(command, args.timeout)
        times.append(round(ms, 2))
        if kb is not None:
            rss.append(kb)
    print(json.dumps({"launches": len(times), "ms": times, "median_ms": statistics.median(times),
                      "min_ms": min(times), "max_ms": max(times),
                      "idle_rss_kb": statistics.median(rss) if rss else None}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
