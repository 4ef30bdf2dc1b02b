#!/usr/bin/env python3
"""Get latency while 50 new pools fetch their first JWKS (each makes an RSA-2048 key).

    bench/first_jwks_burst.py [--pools 50] [--getters 4] BINARY [BINARY ...]

For each binary: start it on a fresh database, create the pools and one pool for the Get load, then
run `--getters` keep-alive clients sending GetUserPoolMfaConfig as fast as they are answered. First
for a quiet window (baseline), then while `--pools` clients each fetch one new pool's
`/.well-known/jwks.json` at once. Prints one row per binary: Get p50/p99/max and count in the
baseline and during the burst, and how long the burst took. Python clients (the GIL caps the Get
rate, so compare the rows with each other, not with bench/run.sh)."""
from __future__ import annotations

import argparse
import http.client
import json
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time

TARGET = "AWSCognitoIdentityProviderService."


def call(conn, operation, body):
    conn.request("POST", "/", body=json.dumps(body), headers={
        "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": TARGET + operation})
    response = conn.getresponse()
    data = response.read()
    assert response.status == 200, (response.status, data[:200])
    return json.loads(data)


def start(binary, directory):
    log = open(f"{directory}/server.log", "wb")
    proc = subprocess.Popen([binary, "--port", "0", "--db", f"{directory}/db.sqlite3", "--log-level", "warning"],
                            stdout=log, stderr=log)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        found = re.search(r"listening on http://[^:]+:(\d+)", open(f"{directory}/server.log").read())
        if found:
            return proc, int(found.group(1))
        time.sleep(0.02)
    proc.kill()
    raise SystemExit(f"{binary} did not start")


def get_load(port, pool_id, stop, samples):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while not stop.is_set():
        started = time.perf_counter()
        call(conn, "GetUserPoolMfaConfig", {"UserPoolId": pool_id})
        samples.append((started, time.perf_counter() - started))
    conn.close()


def summary(latencies):
    if not latencies:
        return "n/a"
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return (f"p50 {statistics.median(ordered) * 1000:.2f} ms, p99 {p99 * 1000:.1f} ms, "
            f"max {ordered[-1] * 1000:.0f} ms, n={len(ordered)}")


def measure(binary, pools, getters):
    with tempfile.TemporaryDirectory() as directory:
        proc, port = start(binary, directory)
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            get_pool = call(conn, "CreateUserPool", {"PoolName": "get"})["UserPool"]["Id"]
            new_pools = [call(conn, "CreateUserPool", {"PoolName": f"burst{i}"})["UserPool"]["Id"] for i in range(pools)]
            conn.close()
            stop, samples = threading.Event(), []
            threads = [threading.Thread(target=get_load, args=(port, get_pool, stop, samples)) for _ in range(getters)]
            for thread in threads:
                thread.start()
            time.sleep(1)  # warm-up
            baseline_start = time.perf_counter()
            time.sleep(3)
            baseline_end = burst_start = time.perf_counter()

            def fetch(pool_id):
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
                c.request("GET", f"/{pool_id}/.well-known/jwks.json")
                assert c.getresponse().status == 200
                c.close()

            fetchers = [threading.Thread(target=fetch, args=(p,)) for p in new_pools]
            for thread in fetchers:
                thread.start()
            for thread in fetchers:
                thread.join()
            burst_end = time.perf_counter()
            stop.set()
            for thread in threads:
                thread.join()
            baseline = [d for s, d in samples if baseline_start <= s < baseline_end]
            burst = [d for s, d in samples if burst_start <= s < burst_end]
            return baseline, burst, burst_end - burst_start
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pools", type=int, default=50)
    parser.add_argument("--getters", type=int, default=4)
    parser.add_argument("binaries", nargs="+")
    args = parser.parse_args()
    for binary in args.binaries:
        baseline, burst, seconds = measure(binary, args.pools, args.getters)
        print(f"{binary}\n  quiet:  Get {summary(baseline)}\n"
              f"  during {args.pools} first JWKS ({seconds:.1f} s): Get {summary(burst)}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
