"""Hostile clients against the real server: slowloris, connection floods, half-closed sockets,
pipelining, huge heads and bodies, invalid UTF-8, deep JSON. After each, a normal client is
answered promptly.

Every test is bounded in time (each waits at most a few seconds) and in connections (at most 80),
and talks only to 127.0.0.1. Servers that need short timeouts or a small connection limit are
private ones started with `--read-timeout`, `--idle-timeout` and `--max-connections`.
"""
from __future__ import annotations

import json
import os
import socket
import threading
import time

import pytest

from e2e import AMZ_JSON, TARGET_PREFIX, post, raw_request, read_response

KIB = 1024
MIB = 1024 * 1024


def answers_promptly(server, within: float = 2.0):
    """A normal client gets a 200 within `within` seconds."""
    started = time.monotonic()
    conn = server.connection(timeout=within + 1)
    try:
        r = post(server, "ListUserPools", {"MaxResults": 1}, conn=conn)
    finally:
        conn.close()
    elapsed = time.monotonic() - started
    assert r.status == 200, r
    assert elapsed < within, f"normal request took {elapsed:.2f}s"
    return elapsed


def fd_count(server) -> int:
    return len(os.listdir(f"/proc/{server.proc.pid}/fd"))


def wait_for_fd_count(server, target: int, timeout: float = 5.0) -> int:
    deadline = time.monotonic() + timeout
    count = fd_count(server)
    while count > target and time.monotonic() < deadline:
        time.sleep(0.05)
        count = fd_count(server)
    return count


def read_all(sock: socket.socket, timeout: float = 5.0) -> bytes:
    """Everything the server sends until it closes (or `timeout`)."""
    sock.settimeout(timeout)
    data = bytearray()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            chunk = sock.recv(65536)
        except (ConnectionResetError, socket.timeout):
            break
        if not chunk:
            break
        data.extend(chunk)
    return bytes(data)


# -- slowloris -------------------------------------------------------------------------------------
def test_slowloris_does_not_starve_a_normal_client(server_factory):
    """60 connections trickle a request head one byte per second; a normal client is still served
    at once, and each trickler is cut off with 408 once --read-timeout (here 3 s) has passed."""
    server = server_factory(db=":memory:", args=("--read-timeout", "3", "--idle-timeout", "10"))
    head = b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: " + TARGET_PREFIX.encode()
    slow = [server.raw_socket(timeout=10) for _ in range(60)]
    stop = threading.Event()
    closed_by_server: list[float] = []
    started = time.monotonic()

    def trickle():
        for i in range(len(head)):
            if stop.is_set():
                return
            for s in list(slow):
                try:
                    s.send(head[i:i + 1])
                except OSError:
                    pass
            stop.wait(1.0)

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    try:
        time.sleep(1.5)
        for _ in range(5):  # served promptly while all 60 are trickling
            answers_promptly(server, within=1.0)
            time.sleep(0.2)
        # read-timeout: each trickler gets 408 and a close, about 3 s after its first byte.
        for s in slow:
            data = read_all(s, timeout=6.0)
            assert data.startswith(b"HTTP/1.1 408 "), data[:100]
            closed_by_server.append(time.monotonic() - started)
    finally:
        stop.set()
        thread.join(timeout=5)
        for s in slow:
            s.close()
    assert max(closed_by_server) < 8.0, f"tricklers were cut off only after {max(closed_by_server):.1f}s"
    answers_promptly(server)


def test_idle_connections_are_closed_after_idle_timeout(server_factory):
    server = server_factory(db=":memory:", args=("--idle-timeout", "1"))
    with server.raw_socket(timeout=5) as s:
        s.sendall(raw_request("ListUserPools", b'{"MaxResults": 1}'))
        r, buf = read_response(s)
        assert r.status == 200
        started = time.monotonic()
        assert read_all(s, timeout=4.0) == b""  # closed without an answer
        assert time.monotonic() - started < 3.0
    answers_promptly(server)


# -- connection flood ------------------------------------------------------------------------------
def test_connection_flood_beyond_max_connections_gets_503_and_fds_come_back(server_factory):
    server = server_factory(db=":memory:", args=("--max-connections", "8", "--idle-timeout", "20"))
    answers_promptly(server)
    time.sleep(0.2)
    before = fd_count(server)
    held = [server.raw_socket(timeout=5) for _ in range(8)]
    try:
        # Make sure all 8 are being served (one request each, kept alive).
        for s in held:
            s.sendall(raw_request("ListUserPools", b'{"MaxResults": 1}'))
            r, _ = read_response(s)
            assert r.status == 200
        refused = 0
        for _ in range(40):
            with socket.create_connection((server.host, server.port), timeout=5) as extra:
                data = read_all(extra, timeout=5.0)
                assert data.startswith(b"HTTP/1.1 503 "), data[:100]
                assert b"Connection: close" in data
                refused += 1
        assert refused == 40
        assert server.running()
    finally:
        for s in held:
            s.close()
    after = wait_for_fd_count(server, before)
    assert after <= before, f"descriptors: {before} before the flood, {after} after"
    answers_promptly(server)


def test_many_short_connections_leave_no_descriptors_behind(server_factory):
    server = server_factory(db=":memory:")
    answers_promptly(server)
    time.sleep(0.2)
    before = fd_count(server)
    for i in range(300):
        with server.raw_socket(timeout=5) as s:
            if i % 3 == 0:
                s.sendall(raw_request("ListUserPools", b'{"MaxResults": 1}', "Connection: close\r\n"))
                read_all(s)
            elif i % 3 == 1:
                s.sendall(b"POST / HTTP/1.1\r\nContent-Len")  # then vanish mid-head
            # else: connect and close at once
    after = wait_for_fd_count(server, before)
    assert after <= before, f"descriptors: {before} before, {after} after 300 connections"
    answers_promptly(server)


# -- half-closed sockets -----------------------------------------------------------------------------
def test_request_then_half_close_is_still_answered(server):
    with server.raw_socket() as s:
        s.sendall(raw_request("ListUserPools", b'{"MaxResults": 1}'))
        s.shutdown(socket.SHUT_WR)
        data = read_all(s)
        assert data.startswith(b"HTTP/1.1 200 "), data[:100]
    answers_promptly(server)


def test_partial_request_then_half_close_ends_the_connection(server):
    with server.raw_socket() as s:
        s.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"MaxRes")
        s.shutdown(socket.SHUT_WR)
        started = time.monotonic()
        read_all(s)  # closed by the server: no answer is possible for a truncated request
        assert time.monotonic() - started < 3.0
    answers_promptly(server)


def test_reset_mid_response_does_not_hurt_the_server(server):
    for _ in range(20):
        s = server.raw_socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        s.sendall(raw_request("ListUserPools", b'{"MaxResults": 60}') * 50)
        s.close()  # RST with responses still being written
    answers_promptly(server)


# -- pipelining ------------------------------------------------------------------------------------
def test_fifty_pipelined_requests_in_one_write(server):
    requests = b"".join(raw_request("ListUserPools", b'{"MaxResults": %d}' % (i % 60 + 1)) for i in range(49))
    requests += b"GET /nothing-here HTTP/1.1\r\nHost: x\r\n\r\n"
    with server.raw_socket() as s:
        s.sendall(requests)
        buf = bytearray()
        statuses = []
        for _ in range(50):
            r, buf = read_response(s, buf)
            statuses.append(r.status)
    assert statuses == [200] * 49 + [404]
    answers_promptly(server)


def test_pipelined_request_after_a_bad_one_is_not_served(server):
    with server.raw_socket() as s:
        s.sendall(b"POST / HTTP/1.1\r\nContent-Length: nope\r\n\r\n" + raw_request("ListUserPools", b"{}"))
        data = read_all(s)
    assert data.startswith(b"HTTP/1.1 400 "), data[:100]
    assert data.count(b"HTTP/1.1 ") == 1
    answers_promptly(server)


# -- huge heads and bodies -------------------------------------------------------------------------
@pytest.mark.parametrize("head", [
    b"POST / HTTP/1.1\r\nX-Big: " + b"a" * (64 * KIB) + b"\r\n\r\n",
    b"POST / HTTP/1.1\r\n" + b"".join(b"X-H%d: v\r\n" % i for i in range(4000)) + b"\r\n",
    b"GET /" + b"p" * (32 * KIB) + b" HTTP/1.1\r\n\r\n",
    b"POST / HTTP/1.1\r\nX-Never-Ends: " + b"z" * (200 * KIB),  # no end of head at all
])
def test_huge_heads_get_431(server, head):
    with server.raw_socket() as s:
        try:
            s.sendall(head)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may answer and close before all of it is sent
        data = read_all(s)
    assert data.startswith(b"HTTP/1.1 431 "), data[:100]
    answers_promptly(server)


@pytest.mark.parametrize("framing", ["content-length", "chunked"])
def test_huge_bodies_get_413_without_reading_them_all(server, framing):
    with server.raw_socket() as s:
        if framing == "content-length":
            s.sendall(f"POST / HTTP/1.1\r\nX-Amz-Target: {TARGET_PREFIX}ListUserPools\r\n"
                      f"Content-Length: {8 * 1024 * MIB}\r\n\r\n".encode())
            sent = 0
        else:
            s.sendall(f"POST / HTTP/1.1\r\nX-Amz-Target: {TARGET_PREFIX}ListUserPools\r\n"
                      "Transfer-Encoding: chunked\r\n\r\n".encode())
            chunk = b"%x\r\n" % (64 * KIB) + b"x" * (64 * KIB) + b"\r\n"
            sent = 0
            try:
                while sent < 4 * MIB:
                    s.sendall(chunk)
                    sent += 64 * KIB
            except (BrokenPipeError, ConnectionResetError):
                pass
        data = read_all(s)
    assert data.startswith(b"HTTP/1.1 413 "), data[:100]
    answers_promptly(server)


# -- invalid UTF-8 and deep JSON -------------------------------------------------------------------
@pytest.mark.parametrize("body", [
    b'{"MaxResults": 1, "NextToken": "\xff\xfe"}',
    b'{"MaxResults": 1, "NextToken": "\xed\xa0\x80"}',   # encoded surrogate
    b'{"MaxResults": 1, "NextToken": "\xc0\xaf"}',       # overlong
    b'{"MaxResults": 1, "NextToken": "\\ud800"}',        # lone surrogate escape
    b'{"MaxResults": 1, "Next\x80Token": "x"}',
])
def test_invalid_utf8_in_json_is_a_serialization_exception(server, body):
    r = post(server, "ListUserPools", body)
    assert r.status == 400, r
    assert r.json()["__type"] == "SerializationException", r
    answers_promptly(server)


@pytest.mark.parametrize("header", [
    b"X-Amz-Target: AWSCognitoIdentityProviderService.List\xffUserPools\r\n",
    b"X-Amz-Target: " + TARGET_PREFIX.encode() + b"ListUserPools\r\nX-Junk: \xc3\x28\xf0\x28\x8c\xbc\r\n",
    b"X-Amz-Target: " + TARGET_PREFIX.encode() + b"ListUserPools\r\nAuthorization: AWS4-HMAC-SHA256 Credential=\xff/x\r\n",
    b"Host: \xff\xff\r\nX-Amz-Target: " + TARGET_PREFIX.encode() + b"ListUserPools\r\n",
])
def test_invalid_utf8_in_headers_is_answered(server, header):
    body = b'{"MaxResults": 1}'
    with server.raw_socket() as s:
        s.sendall(b"POST / HTTP/1.1\r\n" + header + b"Content-Type: " + AMZ_JSON.encode()
                  + b"\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % len(body) + body)
        data = read_all(s)
    status = int(data[9:12])
    assert status in (200, 400), data[:200]
    answers_promptly(server)


@pytest.mark.parametrize("depth", [101, 10_000, 500_000])
def test_deeply_nested_json_is_rejected(server, depth):
    for opener, closer in ((b"[", b"]"), (b'{"a":', b"}")):
        body = b'{"MaxResults": 1, "NextToken": ' + opener * depth + b"1" + closer * depth + b"}"
        if len(body) > MIB:
            body = body[:MIB - 1]  # still far deeper than the limit, and under the body limit
        r = post(server, "ListUserPools", body)
        assert r.status == 400, r
        assert r.json()["__type"] == "SerializationException", r
    answers_promptly(server)


def test_random_garbage_connections(server):
    import random
    rng = random.Random(20261129)
    for _ in range(60):
        garbage = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 3000)))
        with server.raw_socket(timeout=5) as s:
            try:
                s.sendall(garbage)
                s.shutdown(socket.SHUT_WR)
            except OSError:
                pass
            read_all(s, timeout=3.0)
    answers_promptly(server)


@pytest.mark.parametrize("size", [b"8" + b"0" * 15, b"8" + b"0" * 16, b"f" * 40])
def test_enormous_chunk_size_is_413_and_the_server_lives(server, size):
    """Found by FuzzHTTPParser: `8` and 15 zeros overflowed the chunk-size arithmetic and trapped,
    which ended the whole process."""
    with server.raw_socket() as s:
        s.sendall(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + size + b"\r\nxx\r\n0\r\n\r\n")
        data = read_all(s)
    assert data.startswith(b"HTTP/1.1 413 "), data[:100]
    assert server.running()
    answers_promptly(server)


def test_web_page_attacks_on_the_control_paths_change_nothing(server):
    """A cross-site form post, a DNS-rebound Host and a clock pushed past the year 9999, as raw
    requests: refused (415/403/400), the pools and the clock unchanged, the server still answering."""
    conn = server.connection()
    conn.request("GET", "/_mock/clock")
    before = conn.getresponse().read()
    conn.close()
    attacks = [
        (b"POST /_mock/reset HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://evil.example\r\n"
         b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\n\r\na=b", 403),
        (b"POST /_mock/reset HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}", 415),
        (b"GET /_mock/export HTTP/1.1\r\nHost: rebound.evil.example:9229\r\n\r\n", 403),
        (b"POST /_mock/clock HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 24\r\n\r\n"
         b'{"advanceSeconds": 1e19}', 400),
    ]
    for request, status in attacks:
        with server.raw_socket() as sock:
            sock.sendall(request)
            response, _ = read_response(sock)
        assert response.status == status, (request, response)
    conn = server.connection()
    conn.request("GET", "/_mock/clock")
    after = conn.getresponse().read()
    conn.close()
    assert json.loads(after)["offsetSeconds"] == json.loads(before)["offsetSeconds"]
    answers_promptly(server)
