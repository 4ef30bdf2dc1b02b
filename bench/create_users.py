#!/usr/bin/env python3
"""Creates COUNT users in one pool with AdminCreateUser over CONNECTIONS keep-alive connections, as fast
as the server takes them, and checks the pool's EstimatedNumberOfUsers afterwards. bench/run.sh uses it
for the ListUsers rows (100,000 users: boto3 would take far longer than the server).

    bench/create_users.py URL POOL_ID COUNT [--connections 16]

User i is "u-<i, 6 digits>" with email "u-<i>@example.com" and given_name "G<i mod 100>", so
`username ^= "u-00012"` matches 10 users and `given_name = "G7"` 1 % of the pool. Prints
"created <n> users in <s> s (<r>/s)"."""
from __future__ import annotations

import argparse
import http.client
import json
import sys
import threading
import time
from urllib.parse import urlparse

TARGET = "AWSCognitoIdentityProviderService."


def call(conn: http.client.HTTPConnection, operation: str, body: dict) -> dict:
    conn.request("POST", "/", body=json.dumps(body), headers={
        "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": TARGET + operation})
    response = conn.getresponse()
    data = response.read()
    if response.status != 200:
        raise RuntimeError(f"{operation} answered {response.status}: {data[:300]!r}")
    return json.loads(data)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("pool")
    parser.add_argument("count", type=int)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    address = urlparse(args.url)
    failures: list[str] = []

    def worker(offset: int) -> None:
        conn = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
        try:
            for i in range(offset, args.count, args.connections):
                name = f"u-{i:06d}"
                call(conn, "AdminCreateUser", {
                    "UserPoolId": args.pool, "Username": name, "MessageAction": "SUPPRESS",
                    "UserAttributes": [{"Name": "email", "Value": f"{name}@example.com"},
                                       {"Name": "given_name", "Value": f"G{i % 100}"}]})
        except Exception as error:  # reported below; the count check fails too
            failures.append(str(error))
        finally:
            conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(args.connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.monotonic() - started
    conn = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    stored = call(conn, "DescribeUserPool", {"UserPoolId": args.pool})["UserPool"]["EstimatedNumberOfUsers"]
    if failures or stored < args.count:
        print(f"error: {len(failures)} failures, {stored} users stored of {args.count}: {failures[:3]}", file=sys.stderr)
        return 1
    print(f"created {args.count} users in {seconds:.1f} s ({args.count / seconds:,.0f}/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
