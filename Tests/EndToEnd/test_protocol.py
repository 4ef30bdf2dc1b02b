"""AWS JSON 1.1 protocol and HTTP/1.1 behaviour, checked with raw sockets and http.client.

Spec sections 5.1-5.4 and section 9 rows 16 and 21; the HTTP limits (16 KiB head, 1 MiB body) are the
project's own (docs/architecture.md, "The path of a request", step 1).
"""
from __future__ import annotations

import json
import random
import re
import socket
import threading
import time
import uuid

import pytest

from e2e import (AMZ_JSON, POOL_ID_RE, TARGET_PREFIX, create_pool, post, raw_request, read_response)

KIB = 1024
MIB = 1024 * 1024


def assert_aws_headers(r, error_type: str | None = None):
    assert r.header("Content-Type") == AMZ_JSON, r
    rid = r.header("x-amzn-RequestId")
    assert rid, f"no x-amzn-RequestId: {r}"
    if error_type is None:
        assert r.status == 200, r
    else:
        et = r.header("x-amzn-ErrorType")
        assert et is not None, f"no x-amzn-ErrorType: {r}"
        assert et.split(":")[0] == error_type, et
        body = r.json()
        assert body["__type"] == error_type, body


def assert_alive(server):
    r = post(server, "ListUserPools", {"MaxResults": 1})
    assert r.status == 200, r


# -- AWS JSON protocol ------------------------------------------------------------------------------
@pytest.mark.parametrize("target", [
    "AWSCognitoIdentityProviderService.NoSuchOperation",
    "AWSCognitoIdentityProviderService.getUserPoolMfaConfig",
    "SomeOtherService.GetUserPoolMfaConfig",
])
def test_unknown_operation(server, target):
    # Section 9 row 16: 400 UnknownOperationException.
    r = post(server, target, {})
    assert r.status == 400, r
    assert_aws_headers(r, "UnknownOperationException")


def test_missing_target_is_a_400_json_error(server):
    r = post(server, None, {})
    assert r.status == 400, r
    assert r.header("Content-Type") == AMZ_JSON
    assert "__type" in r.json()


@pytest.mark.parametrize("body", [b"not json", b"{", b'{"UserPoolId": }', b"[]", b'"a string"', b"42", b"null",
                                  b'{"UserPoolId":"us-east-1_AAAAAAAAA"} trailing'],
                         ids=["text", "open-brace", "bad-value", "array", "string", "number", "null", "trailing"])
def test_body_that_is_not_a_json_object(server, body):
    # Section 9 row 16: 400 SerializationException.
    r = post(server, "GetUserPoolMfaConfig", body)
    assert r.status == 400, r
    assert_aws_headers(r, "SerializationException")


@pytest.mark.parametrize("target,body", [
    ("GetUserPoolMfaConfig", {"UserPoolId": 123}),
    ("GetUserPoolMfaConfig", {"UserPoolId": ["us-east-1_AAAAAAAAA"]}),
    ("GetUserPoolMfaConfig", {"UserPoolId": {"a": 1}}),
    ("ListUserPools", {"MaxResults": "ten"}),
    ("ListUserPools", {"MaxResults": True}),
    # Coral turns the strings true/false/yes/no/1/0 into booleans but refuses other strings ("'HELLOWTF' can
    # not be converted to an Boolean", noted from live DynamoDB/Kinesis in dynalite's and kinesalite's
    # validation code), so the wrong type here is a word that is none of those.
    ("SetUserPoolMfaConfig", {"UserPoolId": "us-east-1_AAAAAAAAA", "MfaConfiguration": "OPTIONAL",
                              "SoftwareTokenMfaConfiguration": {"Enabled": "maybe"}}),
    ("SetUserPoolMfaConfig", {"UserPoolId": "us-east-1_AAAAAAAAA", "SoftwareTokenMfaConfiguration": []}),
    ("CreateUserPool", {"PoolName": "x", "UserPoolTags": ["a"]}),
], ids=["number-for-string", "list-for-string", "object-for-string", "string-for-int", "bool-for-int",
        "string-for-bool", "list-for-structure", "list-for-map"])
def test_wrong_member_type_is_serialization_exception(server, target, body):
    # Cognito rejects a wrongly typed member while deserializing, before validation, with SerializationException:
    # https://github.com/pmill/aws-cognito/issues/10 (SignUp, number for a string, 2018: "class com.amazon.coral.
    # value.json.numbers.TruncatingBigNumber can not be converted to an String"),
    # https://github.com/amazon-archives/amazon-cognito-identity-js/issues/485 (boolean for a string, 2017),
    # https://github.com/aws-amplify/amplify-js/issues/4738 (`{"__type":"SerializationException","Message":
    # "Expected map or null"}`, 2020). Type and status only: today's message texts are not captured (spec 8.16).
    r = post(server, target, body)
    assert r.status == 400, r
    assert_aws_headers(r, "SerializationException")


def test_success_headers_and_compact_body(server):
    r = post(server, "ListUserPools", {"MaxResults": 5})
    assert_aws_headers(r)
    assert isinstance(r.json()["UserPools"], list)


def test_request_ids_are_unique(server):
    ids = {post(server, "ListUserPools", {"MaxResults": 1}).header("x-amzn-RequestId") for _ in range(5)}
    assert len(ids) == 5


def test_error_body_and_headers_for_resource_not_found(server):
    r = post(server, "DescribeUserPool", {"UserPoolId": "us-east-1_AAAAAAAAA"})
    assert r.status == 400, r
    assert_aws_headers(r, "ResourceNotFoundException")
    # Spec 5.2: `{"__type":"<ShortName>","message":"<text>"}`, lower-case `message`.
    assert r.json() == {"__type": "ResourceNotFoundException", "message": "User pool us-east-1_AAAAAAAAA does not exist."}


def test_error_body_and_headers_for_validation_error(server):
    r = post(server, "GetUserPoolMfaConfig", {"UserPoolId": "bad"})
    assert r.status == 400, r
    assert_aws_headers(r, "InvalidParameterException")
    assert r.json()["message"] == ("1 validation error detected: Value 'bad' at 'userPoolId' failed to satisfy "
                                   r"constraint: Member must satisfy regular expression pattern: [\w-]+_[0-9a-zA-Z]+")


def test_unknown_members_are_ignored(server, cognito):
    pool = create_pool(cognito)
    r = post(server, "GetUserPoolMfaConfig", {"UserPoolId": pool["Id"], "SomethingNew": {"x": [1, 2]}})
    assert r.status == 200, r
    assert r.json() == {"MfaConfiguration": "OFF"}


# -- signatures (section 9 row 21) -------------------------------------------------------------------
def test_unsigned_request_is_accepted_and_uses_default_region(server):
    r = post(server, "CreateUserPool", {"PoolName": "unsigned-pool"})
    assert r.status == 200, r
    assert re.match(POOL_ID_RE.format(region="us-east-1"), r.json()["UserPool"]["Id"])


def test_garbage_authorization_header_is_accepted(server):
    r = post(server, "ListUserPools", {"MaxResults": 1}, headers={"Authorization": "Bearer nonsense"})
    assert r.status == 200, r


def test_region_from_hand_written_credential_scope(server):
    auth = ("AWS4-HMAC-SHA256 Credential=testing/20260101/ap-southeast-2/cognito-idp/aws4_request, "
            "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0" * 64)
    r = post(server, "CreateUserPool", {"PoolName": "scoped"}, headers={"Authorization": auth,
                                                                          "X-Amz-Date": "20260101T000000Z"})
    assert r.status == 200, r
    pool = r.json()["UserPool"]
    assert re.match(POOL_ID_RE.format(region="ap-southeast-2"), pool["Id"]), pool["Id"]
    assert pool["Arn"].startswith("arn:aws:cognito-idp:ap-southeast-2:")


# -- HTTP/1.1 connection handling -----------------------------------------------------------------------
def test_keep_alive_serves_several_requests_on_one_connection(server):
    with server.raw_socket() as s:
        buf = bytearray()
        for i in range(5):
            s.sendall(raw_request("ListUserPools", b'{"MaxResults": 1}'))
            r, buf = read_response(s, buf)
            assert r.status == 200, (i, r)
            assert (r.header("Connection") or "").lower() != "close", r


def test_http_client_reuses_connection(server):
    conn = server.connection()
    try:
        post(server, "ListUserPools", {"MaxResults": 1}, conn=conn)
        first = conn.sock
        for _ in range(3):
            assert post(server, "ListUserPools", {"MaxResults": 1}, conn=conn).status == 200
            assert conn.sock is first, "the server closed a keep-alive connection"
    finally:
        conn.close()


def test_pipelined_requests_are_answered_in_order(server, cognito):
    pool = create_pool(cognito)
    body_ok = json.dumps({"UserPoolId": pool["Id"]}).encode()
    body_missing = b'{"UserPoolId": "us-east-1_AAAAAAAAA"}'
    with server.raw_socket() as s:
        s.sendall(raw_request("GetUserPoolMfaConfig", body_ok) + raw_request("GetUserPoolMfaConfig", body_missing)
                  + raw_request("GetUserPoolMfaConfig", body_ok))
        buf = bytearray()
        statuses = []
        for _ in range(3):
            r, buf = read_response(s, buf)
            statuses.append(r.status)
        assert statuses == [200, 400, 200]


def test_connection_close_request_is_honoured(server):
    with server.raw_socket() as s:
        s.sendall(raw_request("ListUserPools", b'{"MaxResults": 1}', "Connection: close\r\n"))
        r, buf = read_response(s)
        assert r.status == 200
        assert (r.header("Connection") or "").lower() == "close"
        s.settimeout(5)
        assert s.recv(1) == b"" and not buf, "server must close after Connection: close"


def test_chunked_request_body(server, cognito):
    pool = create_pool(cognito)
    body = json.dumps({"UserPoolId": pool["Id"]}).encode()
    parts = [body[:5], body[5:17], body[17:]]
    chunked = b"".join(f"{len(p):x}\r\n".encode() + p + b"\r\n" for p in parts) + b"0\r\n\r\n"
    head = (f"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {AMZ_JSON}\r\n"
            f"X-Amz-Target: {TARGET_PREFIX}GetUserPoolMfaConfig\r\nTransfer-Encoding: chunked\r\n\r\n").encode()
    with server.raw_socket() as s:
        s.sendall(head)
        for i in range(0, len(chunked), 7):  # dribble it in small writes
            s.sendall(chunked[i:i + 7])
        r, buf = read_response(s)
        assert r.status == 200, r
        assert r.json() == {"MfaConfiguration": "OFF"}
        # and the connection is still usable
        s.sendall(raw_request("GetUserPoolMfaConfig", body))
        r, _ = read_response(s, buf)
        assert r.status == 200, r


def test_expect_100_continue(server, cognito):
    pool = create_pool(cognito)
    body = json.dumps({"UserPoolId": pool["Id"]}).encode()
    with server.raw_socket(timeout=5) as s:
        s.sendall(raw_request("GetUserPoolMfaConfig", b"", "Expect: 100-continue\r\n")
                  .replace(b"Content-Length: 0", f"Content-Length: {len(body)}".encode()))
        interim, buf = read_response(s)
        assert interim.status == 100, interim
        s.sendall(body)
        r, _ = read_response(s, buf)
        assert r.status == 200, r
        assert r.json() == {"MfaConfiguration": "OFF"}


def test_head_over_16_kib_is_431_and_closed(server):
    big = "X-Filler: " + "a" * (17 * KIB) + "\r\n"
    with server.raw_socket() as s:
        try:
            s.sendall(raw_request("ListUserPools", b'{"MaxResults": 1}', big))
        except (BrokenPipeError, ConnectionResetError):
            pass
        r, buf = read_response(s)
        assert r.status == 431, r
        assert (r.header("Connection") or "").lower() == "close", r
        assert_closed(s)
    assert_alive(server)


def test_head_of_8_kib_is_fine(server):
    filler = "X-Filler: " + "a" * (8 * KIB) + "\r\n"
    with server.raw_socket() as s:
        s.sendall(raw_request("ListUserPools", b'{"MaxResults": 1}', filler))
        r, _ = read_response(s)
        assert r.status == 200, r


def test_body_over_1_mib_is_413_and_closed(server):
    head = (f"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {AMZ_JSON}\r\n"
            f"X-Amz-Target: {TARGET_PREFIX}ListUserPools\r\nContent-Length: {MIB + 1}\r\n\r\n").encode()
    with server.raw_socket() as s:
        s.sendall(head)  # only the head: the declared length alone must be refused
        r, _ = read_response(s)
        assert r.status == 413, r
        assert (r.header("Connection") or "").lower() == "close", r
        assert_closed(s)
    assert_alive(server)


def test_body_of_exactly_1_mib_is_accepted(server):
    core = b'{"MaxResults": 2'
    body = core + b" " * (MIB - len(core) - 1) + b"}"
    assert len(body) == MIB
    with server.raw_socket(timeout=20) as s:
        s.sendall(raw_request("ListUserPools", body))
        r, _ = read_response(s)
        assert r.status == 200, r


@pytest.mark.parametrize("raw", [
    b"GARBAGE\r\n\r\n",
    b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
    b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
    b"POST / HTTP/1.1\r\nHost x no colon\r\n\r\n",
    b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    b"POST / HTTP/9.9\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
], ids=["garbage", "cl-text", "cl-negative", "header-no-colon", "bad-chunk", "bad-version"])
def test_malformed_request_is_400(server, raw):
    with server.raw_socket() as s:
        s.sendall(raw)
        r, _ = read_response(s)
    allowed = (400, 505) if b"HTTP/9.9" in raw else (400,)  # 505: HTTP Version Not Supported
    assert r.status in allowed, r
    # the stream can't be trusted after a malformed request (README: "each with Connection: close")
    assert (r.header("Connection") or "").lower() == "close", r
    assert_alive(server)


def assert_closed(s: socket.socket, timeout: float = 5.0):
    s.settimeout(timeout)
    try:
        while True:
            data = s.recv(65536)
            if not data:
                return
    except ConnectionResetError:
        return
    except socket.timeout:
        pytest.fail("server did not close the connection")


# -- concurrency and slow clients ---------------------------------------------------------------------
def test_200_concurrent_keep_alive_clients(server):
    n, per_conn = 200, 3
    barrier = threading.Barrier(n, timeout=30)
    results: list = [None] * n

    def client(i):
        try:
            with socket.create_connection((server.host, server.port), timeout=30) as s:
                barrier.wait()
                buf = bytearray()
                statuses = []
                for _ in range(per_conn):
                    s.sendall(raw_request("ListUserPools", b'{"MaxResults": 1}'))
                    r, buf = read_response(s, buf)
                    statuses.append(r.status)
                results[i] = statuses
        except Exception as e:  # noqa: BLE001 - reported below
            results[i] = repr(e)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    bad = [(i, r) for i, r in enumerate(results) if r != [200] * per_conn]
    assert not bad, f"{len(bad)} of {n} clients failed, e.g. {bad[:3]}"


@pytest.mark.parametrize("partial", [
    b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Tar",
    raw_request("ListUserPools", b'{"MaxResults": 1}').replace(b"Content-Length: 17", b"Content-Length: 99")[:-5],
], ids=["half-head", "half-body"])
def test_half_sent_request_does_not_block_others(server, partial):
    stalled = [server.raw_socket() for _ in range(3)]
    try:
        for s in stalled:
            s.sendall(partial)
        start = time.monotonic()
        for _ in range(5):
            r = post(server, "ListUserPools", {"MaxResults": 1})
            assert r.status == 200, r
        assert time.monotonic() - start < 20, "other clients were held up by a stalled one (read timeout 30 s)"
    finally:
        for s in stalled:
            s.close()
    assert_alive(server)


# -- hostile JSON never crashes the server --------------------------------------------------------------
def _nested(depth: int, opener: str, closer: str) -> bytes:
    return ('{"UserPoolId":' + opener * depth + closer * depth + "}").encode()


HOSTILE = {
    "deep-arrays": _nested(200_000, "[", "]"),
    "deep-objects": ('{"UserPoolId":' + '{"a":' * 60_000 + "1" + "}" * 60_000 + "}").encode(),
    "deep-unknown-member": ('{"UserPoolId":"us-east-1_AAAAAAAAA","X":' + "[" * 100_000 + "]" * 100_000 + "}").encode(),
    "deep-unclosed": b'{"UserPoolId":' + b"[" * 300_000,
    "huge-string": b'{"UserPoolId":"' + b"a" * (MIB - 40) + b'"}',
    "huge-number": b'{"MaxResults":' + b"9" * 100_000 + b"}",
    "exp-number": b'{"MaxResults":1e999999999}',
    "many-keys": ("{" + ",".join(f'"k{i}":{i}' for i in range(60_000)) + "}").encode(),
    "invalid-utf8": b'{"UserPoolId":"us-east-1_\xff\xfe\xfd"}',
    "nul-bytes": b'{"UserPoolId":"us-east-1_\x00AAAA"}',
    "lone-surrogate": b'{"UserPoolId":"\\ud800"}',
    "bad-escape": b'{"UserPoolId":"\\x41"}',
    "random-bytes": random.Random(1234).randbytes(64 * KIB),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_json_gets_a_400_and_server_survives(fresh_server, name):
    body = HOSTILE[name]
    target = "ListUserPools" if b"MaxResults" in body[:20] else "GetUserPoolMfaConfig"
    with fresh_server.raw_socket(timeout=30) as s:
        s.sendall(raw_request(target, body))
        r, _ = read_response(s)
    assert r.status == 400, r
    assert r.header("Content-Type") == AMZ_JSON, r
    assert "__type" in r.json(), r
    assert fresh_server.running(), f"server died:\n{fresh_server.stderr()[-3000:]}"
    assert_alive(fresh_server)


def test_many_hostile_bodies_in_a_row(fresh_server):
    rng = random.Random(99)
    for i in range(200):
        n = rng.randint(1, 2048)
        body = bytes(rng.choice(b'{}[]":,0123456789.eE+-tfnrulasx\\ \x00\xff') for _ in range(n))
        r = post(fresh_server, rng.choice(["GetUserPoolMfaConfig", "SetUserPoolMfaConfig", "CreateUserPool",
                                            "ListUserPools"]), body)
        assert 400 <= r.status < 500, (i, body[:80], r)
    assert fresh_server.running()
    assert_alive(fresh_server)


def test_request_id_is_uuid_like(server):
    rid = post(server, "ListUserPools", {"MaxResults": 1}).header("x-amzn-RequestId")
    uuid.UUID(rid)  # spec 5.2: x-amzn-RequestId: <uuid>
