"""Who may use the /_mock/ test-control paths: a web page the developer opens must not reset the
server, move its clock or read its TOTP codes and secrets (DNS rebinding, cross-site form posts).

Rules: a Host that is an IP literal, `localhost`, `*.localhost`, the machine's host name or an
`--allowed-host` name; no `Origin` naming another host; POSTs with `Content-Type: application/json`
(else 415). `--control-api off` leaves only `/_mock/health`. Health always answers.
"""
from __future__ import annotations

import socket
import subprocess

import pytest

from e2e import binary_path, control, read_response

CONTROL_PATHS = [("GET", "/_mock/export"), ("GET", "/_mock/totp?userPoolId=x&username=y"),
                 ("GET", "/_mock/messages?userPoolId=x"), ("GET", "/_mock/clock"), ("POST", "/_mock/reset"),
                 ("POST", "/_mock/clock")]


def raw(server, method, path, headers: dict[str, str], body: bytes = b""):
    """One request with exactly these headers (http.client would add its own Host)."""
    lines = [f"{method} {path} HTTP/1.1"] + [f"{k}: {v}" for k, v in headers.items()]
    lines.append(f"Content-Length: {len(body)}")
    with server.raw_socket() as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        response, _ = read_response(sock)
    return response


@pytest.mark.parametrize("method, path", CONTROL_PATHS)
@pytest.mark.parametrize("host", ["evil.example", "evil.example:9229", "localhost.evil.example", "127.0.0.1.nip.io"])
def test_rebound_host_names_are_refused(server, method, path, host):
    r = raw(server, method, path, {"Host": host, "Content-Type": "application/json"}, b"{}" if method == "POST" else b"")
    assert r.status == 403, r
    assert "is not allowed for the control API" in r.json()["message"]


def test_missing_host_is_refused(server):
    with server.raw_socket() as sock:
        sock.sendall(b"GET /_mock/export HTTP/1.0\r\n\r\n")
        r, _ = read_response(sock)
    assert r.status == 403


@pytest.mark.parametrize("host", ["localhost", "LOCALHOST:9229", "127.0.0.1", "127.0.0.1:1234", "[::1]:9229",
                                  "10.0.0.7", "app.localhost", "localhost.", socket.gethostname()])
def test_local_host_names_are_served(server, host):
    assert raw(server, "GET", "/_mock/clock", {"Host": host}).status == 200


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "https://localhost.evil.example",
                                    "http://127.0.0.2:9229"])
def test_cross_origin_requests_are_refused(server, origin):
    r = raw(server, "POST", "/_mock/reset", {"Host": "127.0.0.1", "Origin": origin, "Content-Type": "application/json"})
    assert r.status == 403 and "cross-origin" in r.json()["message"], r


def test_same_host_origin_is_served(server):
    r = raw(server, "GET", "/_mock/clock", {"Host": "localhost:9229", "Origin": "http://localhost:3000"})
    assert r.status == 200


@pytest.mark.parametrize("content_type", [None, "application/x-www-form-urlencoded", "text/plain",
                                          "multipart/form-data; boundary=x", "application/jsonx"])
def test_posts_that_are_not_json_get_415(server, content_type):
    headers = {"Host": "127.0.0.1"} | ({"Content-Type": content_type} if content_type else {})
    r = raw(server, "POST", "/_mock/clock", headers, b'{"advanceSeconds": 1}')
    assert r.status == 415, r
    assert r.json()["message"] == "the control API takes POST requests with Content-Type: application/json only"
    assert control(server, "POST", "/_mock/clock", {"advanceSeconds": 0}).status == 200
    assert control(server, "POST", "/_mock/clock", {"advanceSeconds": 0},
                   headers={"Content-Type": "Application/JSON; charset=utf-8"}).status == 200


def test_health_answers_any_host(server):
    assert raw(server, "GET", "/_mock/health", {"Host": "evil.example", "Origin": "http://evil.example"}).status == 200


def test_allowed_host_flag_and_variable(server_factory):
    server = server_factory(args=("--allowed-host", "mock-cognito", "--allowed-host", "Cognito.Test"),
                            env={"MOCK_COGNITO_ALLOWED_HOST": "from-env,other.internal"})
    for host in ["mock-cognito:9229", "cognito.test", "from-env", "other.internal:80"]:
        assert raw(server, "GET", "/_mock/clock", {"Host": host}).status == 200, host
    assert raw(server, "GET", "/_mock/clock", {"Host": "mock-cognito.evil.example"}).status == 403


def test_control_api_off_leaves_only_health(server_factory):
    server = server_factory(env={"MOCK_COGNITO_CONTROL_API": "off"})
    for method, path in CONTROL_PATHS:
        assert control(server, method, path, {} if method == "POST" else None).status == 404, path
    assert control(server, "GET", "/_mock/health").status == 200
    assert server.client().list_user_pools(MaxResults=1)["ResponseMetadata"]["HTTPStatusCode"] == 200
    on = server_factory(args=("--control-api", "on"), env={"MOCK_COGNITO_CONTROL_API": "off"})
    assert control(on, "GET", "/_mock/clock").status == 200


def test_help_lists_the_new_flags_and_bad_values_stop_the_server():
    env = {"PATH": "/usr/bin:/bin"}
    out = subprocess.run([str(binary_path()), "--help"], capture_output=True, text=True, timeout=10, env=env).stdout
    assert "--control-api" in out and "MOCK_COGNITO_CONTROL_API" in out
    assert "--allowed-host" in out and "MOCK_COGNITO_ALLOWED_HOST" in out
    for args in (["--control-api", "maybe"], ["--allowed-host", "bad/name"]):
        result = subprocess.run([str(binary_path()), "--db", ":memory:", *args], capture_output=True, text=True,
                                timeout=10, env=env)
        assert result.returncode == 64, result
