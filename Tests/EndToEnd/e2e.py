"""Helpers for the end-to-end tests: runs the real `mock-cognito` binary on a free port and talks to it over a socket.

Binary: $MOCK_COGNITO_BINARY (default `.build/debug/mock-cognito`, relative to the repository root).
Every server is started with `--port 0`; the port is read from the `listening on http://<host>:<port>`
line on stderr. stderr goes to a file (never a pipe: one log line per request would fill a pipe and
block the server). Servers are stopped with SIGTERM and must exit 0.
"""
from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.parse
from pathlib import Path

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

REPO_ROOT = Path(__file__).resolve().parents[2]
LISTENING_RE = re.compile(r"listening on http://([^\s:/]+):(\d+)")
TARGET_PREFIX = "AWSCognitoIdentityProviderService."
AMZ_JSON = "application/x-amz-json-1.1"
START_TIMEOUT = 20.0
STOP_TIMEOUT = 15.0

# Pool ids and ARNs as AWS prints them (spec section 6).
POOL_ID_RE = r"^{region}_[0-9A-Za-z]{{9}}$"
ARN_RE = r"^arn:aws:cognito-idp:{region}:[0-9]{{12}}:userpool/{pool_id}$"

# A well-formed (fake) SNS role; the emulator accepts any well-formed ARN (spec 1.5 rule 9).
SMS_CONFIGURATION = {
    "SnsCallerArn": "arn:aws:iam::123456789012:role/CognitoSmsRole",
    "ExternalId": "mock-cognito-e2e",
}
DEVELOPER_EMAIL_CONFIGURATION = {
    "EmailSendingAccount": "DEVELOPER",
    "SourceArn": "arn:aws:ses:us-east-1:123456789012:identity/example.com",
    "From": "no-reply@example.com",
}
RECOVERY_PHONE_FIRST = {
    "RecoveryMechanisms": [
        {"Name": "verified_phone_number", "Priority": 1},
        {"Name": "verified_email", "Priority": 2},
    ]
}
RECOVERY_EMAIL_ONLY = {"RecoveryMechanisms": [{"Name": "verified_email", "Priority": 1}]}
# For pools that combine SMS MFA with email MFA: keeps verified_phone_number out of recovery, so the open
# question of spec 1.5 rule 7 (SMS MFA vs phone recovery on SetUserPoolMfaConfig) cannot interfere.
RECOVERY_ADMIN_ONLY = {"RecoveryMechanisms": [{"Name": "admin_only", "Priority": 1}]}


def binary_path() -> Path:
    p = Path(os.environ.get("MOCK_COGNITO_BINARY", ".build/debug/mock-cognito"))
    return p if p.is_absolute() else REPO_ROOT / p


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerError(RuntimeError):
    pass


class Server:
    """One mock-cognito process. `start()` may be called again after `stop()`/`kill9()` (same db)."""

    _instances = 0

    def __init__(self, workdir: Path, db: str | None = None, args: tuple[str, ...] = (),
                 env: dict[str, str] | None = None, use_port_flag: bool = True):
        self.workdir = workdir
        Server._instances += 1
        self.db = db if db is not None else str(workdir / f"cognito-{Server._instances}.sqlite3")
        self.args = tuple(args)
        self.env = dict(env or {})
        self.use_port_flag = use_port_flag
        self.proc: subprocess.Popen | None = None
        self.host = "127.0.0.1"
        self.port = 0
        self.starts = 0
        self.log_path: Path | None = None
        self._clients: dict[tuple, object] = {}

    # -- process control -------------------------------------------------------------------------
    def command(self) -> list[str]:
        cmd = [str(binary_path())]
        if self.use_port_flag:
            cmd += ["--port", "0"]
        if self.db:
            cmd += ["--db", self.db]
        return cmd + list(self.args)

    def start(self) -> "Server":
        if not binary_path().exists():
            raise ServerError(f"mock-cognito binary not found at {binary_path()} (run `swift build`, "
                              "or set MOCK_COGNITO_BINARY)")
        self.starts += 1
        self.log_path = self.workdir / f"server-{id(self)}-{self.starts}.stderr"
        env = {k: v for k, v in os.environ.items() if not k.startswith("MOCK_COGNITO_")}
        env.update(self.env)
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(self.command(), stdin=subprocess.DEVNULL, stdout=log,
                                         stderr=log, env=env, cwd=self.workdir)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            m = LISTENING_RE.search(self.stderr())
            if m:
                self.host, self.port = m.group(1), int(m.group(2))
                self._clients.clear()
                return self
            if self.proc.poll() is not None:
                raise ServerError(f"mock-cognito exited with {self.proc.returncode} before listening:\n"
                                  f"{self.stderr()}")
            time.sleep(0.01)
        self.proc.kill()
        self.proc.wait()
        raise ServerError(f"no 'listening on http://…' line within {START_TIMEOUT}s:\n{self.stderr()}")

    def stderr(self) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        return self.log_path.read_bytes().decode("utf-8", "replace")

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self, sig: int = signal.SIGTERM) -> int:
        """Graceful stop; returns the exit code."""
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                raise ServerError(f"mock-cognito did not exit within {STOP_TIMEOUT}s of signal {sig}")
        return self.proc.returncode

    def kill9(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=STOP_TIMEOUT)

    def restart(self) -> "Server":
        rc = self.stop()
        assert rc == 0, f"SIGTERM must end mock-cognito with exit code 0, got {rc}:\n{self.stderr()}"
        return self.start()

    # -- clients ---------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def client(self, region: str = "us-east-1", validate: bool = True):
        key = (self.port, region, validate)
        if key not in self._clients:
            self._clients[key] = boto3.client(
                "cognito-idp",
                endpoint_url=self.url,
                region_name=region,
                aws_access_key_id="testing",
                aws_secret_access_key="testing",
                config=Config(retries={"max_attempts": 1}, parameter_validation=validate,
                              connect_timeout=5, read_timeout=30),
            )
        return self._clients[key]

    def connection(self, timeout: float = 10.0) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def raw_socket(self, timeout: float = 10.0) -> socket.socket:
        return socket.create_connection((self.host, self.port), timeout=timeout)


# -- assertions ----------------------------------------------------------------------------------
@contextlib.contextmanager
def aws_error(code: str, message: str, status: int = 400):
    """Asserts that the block raises a botocore ClientError with exactly this Code, Message and HTTP status."""
    with pytest.raises(ClientError) as excinfo:
        yield excinfo
    resp = excinfo.value.response
    got = (resp.get("Error", {}).get("Code"), resp.get("Error", {}).get("Message"),
           resp.get("ResponseMetadata", {}).get("HTTPStatusCode"))
    assert got == (code, message, status), (
        f"\nexpected: {code!r} {message!r} HTTP {status}\n     got: {got[0]!r} {got[1]!r} HTTP {got[2]}")


def strip_meta(resp: dict) -> dict:
    return {k: v for k, v in resp.items() if k != "ResponseMetadata"}


def validation_message(value, path: str, constraint: str) -> str:
    """Coral's single-violation message (spec 5.3)."""
    shown = "null" if value is None else f"'{value}'"
    return f"1 validation error detected: Value {shown} at '{path}' failed to satisfy constraint: {constraint}"


POOL_ID_PATTERN_CONSTRAINT = r"Member must satisfy regular expression pattern: [\w-]+_[0-9a-zA-Z]+"


# -- raw HTTP ------------------------------------------------------------------------------------
class RawResponse:
    def __init__(self, status: int, reason: str, headers: list[tuple[str, str]], body: bytes):
        self.status, self.reason, self.header_list, self.body = status, reason, headers, body

    def header(self, name: str) -> str | None:
        for k, v in self.header_list:
            if k.lower() == name.lower():
                return v
        return None

    def json(self):
        return json.loads(self.body)

    def __repr__(self):
        return f"<RawResponse {self.status} {self.header_list} {self.body[:300]!r}>"


def post(server: Server, target: str | None, body, headers: dict | None = None,
         conn: http.client.HTTPConnection | None = None) -> RawResponse:
    """One POST / through http.client. `body` may be bytes, str or a JSON-able object."""
    if not isinstance(body, (bytes, str)):
        body = json.dumps(body)
    if isinstance(body, str):
        body = body.encode()
    h = {"Content-Type": AMZ_JSON}
    if target is not None:
        h["X-Amz-Target"] = target if "." in target else TARGET_PREFIX + target
    h.update(headers or {})
    own = conn is None
    conn = conn or server.connection()
    try:
        conn.request("POST", "/", body=body, headers=h)
        r = conn.getresponse()
        data = r.read()
        return RawResponse(r.status, r.reason, r.getheaders(), data)
    finally:
        if own:
            conn.close()


def read_response(sock: socket.socket, buf: bytearray | None = None) -> tuple[RawResponse, bytearray]:
    """Reads one HTTP/1.1 response (Content-Length or chunked) from a raw socket.

    Returns the response and whatever bytes were read past it. Raises EOFError if the peer closed
    before a complete head arrived."""
    buf = buf if buf is not None else bytearray()

    def fill():
        chunk = sock.recv(65536)
        if not chunk:
            raise EOFError(f"connection closed; had {bytes(buf[:200])!r}")
        buf.extend(chunk)

    while b"\r\n\r\n" not in buf:
        fill()
    head, _, rest = bytes(buf).partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    _, status, *reason = lines[0].split(" ", 2)
    headers = []
    for line in lines[1:]:
        k, _, v = line.partition(":")
        headers.append((k.strip(), v.strip()))
    buf[:] = rest
    resp = RawResponse(int(status), reason[0] if reason else "", headers, b"")
    if 100 <= resp.status < 200:
        return resp, buf
    te = (resp.header("Transfer-Encoding") or "").lower()
    if "chunked" in te:
        body = bytearray()
        while True:
            while b"\r\n" not in buf:
                fill()
            size_line, _, _ = bytes(buf).partition(b"\r\n")
            size = int(size_line.split(b";")[0], 16)
            del buf[:len(size_line) + 2]
            while len(buf) < size + 2:
                fill()
            body.extend(buf[:size])
            del buf[:size + 2]
            if size == 0:
                break
        resp.body = bytes(body)
    else:
        length = int(resp.header("Content-Length") or 0)
        while len(buf) < length:
            fill()
        resp.body = bytes(buf[:length])
        del buf[:length]
    return resp, buf


def raw_request(target: str, body: bytes, extra_headers: str = "", host: str = "127.0.0.1") -> bytes:
    """Bytes of a complete POST / request with Content-Length."""
    return (f"POST / HTTP/1.1\r\nHost: {host}\r\nContent-Type: {AMZ_JSON}\r\n"
            f"X-Amz-Target: {TARGET_PREFIX}{target}\r\nContent-Length: {len(body)}\r\n{extra_headers}\r\n"
            ).encode() + body


# -- pool helpers --------------------------------------------------------------------------------
_counter = [0]


def unique_name(prefix: str = "e2e") -> str:
    _counter[0] += 1
    return f"{prefix}-{os.getpid()}-{_counter[0]}-{time.monotonic_ns() % 1_000_000}"


def create_pool(client, **kwargs) -> dict:
    kwargs.setdefault("PoolName", unique_name())
    return client.create_user_pool(**kwargs)["UserPool"]


def create_email_mfa_ready_pool(client, **kwargs) -> dict:
    """A pool on which email MFA may be configured: ESSENTIALS, DEVELOPER sending, recovery not email-only."""
    kwargs.setdefault("EmailConfiguration", DEVELOPER_EMAIL_CONFIGURATION)
    kwargs.setdefault("AccountRecoverySetting", RECOVERY_PHONE_FIRST)
    return create_pool(client, **kwargs)


def list_all_pool_ids(client, page_size: int = 60) -> list[str]:
    """Every pool id ListUserPools returns, following NextToken."""
    ids, kwargs = [], {"MaxResults": page_size}
    while True:
        resp = client.list_user_pools(**kwargs)
        ids += [p["Id"] for p in resp["UserPools"]]
        if "NextToken" not in resp:
            return ids
        kwargs["NextToken"] = resp["NextToken"]


# -- the test-control paths (/_mock/...) ------------------------------------------------------------
def control(server: Server, method: str, path: str, body=None, headers: dict | None = None) -> RawResponse:
    """One request to a /_mock/ path. POSTs carry `Content-Type: application/json` (the control API
    refuses anything else, so that a web page cannot post a form to it)."""
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    h = {"Content-Type": "application/json"} if method == "POST" else {}
    h.update(headers or {})
    conn = server.connection()
    try:
        conn.request(method, path, body=data if data is not None else (b"" if method == "POST" else None), headers=h)
        r = conn.getresponse()
        return RawResponse(r.status, r.reason, r.getheaders(), r.read())
    finally:
        conn.close()


def advance_clock(server: Server, seconds) -> dict:
    """POST /_mock/clock {"advanceSeconds": seconds}; returns the new clock state."""
    r = control(server, "POST", "/_mock/clock", {"advanceSeconds": seconds})
    assert r.status == 200, r
    return r.json()


# -- users and the outbox (/_mock/messages) ---------------------------------------------------------
def get_messages(server: Server, pool_id: str, username: str | None = None) -> list[dict]:
    """The pool's outbox (SMS and email "sent" by mock-cognito), oldest first."""
    query = {"userPoolId": pool_id}
    if username is not None:
        query["username"] = username
    conn = server.connection()
    try:
        conn.request("GET", "/_mock/messages?" + urllib.parse.urlencode(query))
        r = conn.getresponse()
        body = r.read()
        assert r.status == 200, (r.status, body)
        return json.loads(body)
    finally:
        conn.close()


def last_code(server: Server, pool_id: str, username: str) -> str:
    """The code (or temporary password) of the newest message to `username`."""
    messages = get_messages(server, pool_id, username)
    assert messages, f"no message for {username!r} in {pool_id}"
    return messages[-1]["code"]


def attrs(**values) -> list[dict]:
    """UserAttributes from keyword arguments (`custom__x` becomes `custom:x`)."""
    return [{"Name": k.replace("__", ":"), "Value": v} for k, v in values.items()]


def attr_dict(attributes: list[dict]) -> dict:
    return {a["Name"]: a["Value"] for a in attributes}


def create_user(client, pool_id: str, username: str, **kwargs) -> dict:
    """AdminCreateUser with MessageAction SUPPRESS unless told otherwise; returns the UserType."""
    kwargs.setdefault("MessageAction", "SUPPRESS")
    return client.admin_create_user(UserPoolId=pool_id, Username=username, **kwargs)["User"]


def list_all_users(client, pool_id: str, **kwargs) -> list[dict]:
    """Every user ListUsers returns, following PaginationToken."""
    users = []
    while True:
        resp = client.list_users(UserPoolId=pool_id, **kwargs)
        users += resp["Users"]
        if "PaginationToken" not in resp:
            return users
        kwargs["PaginationToken"] = resp["PaginationToken"]
