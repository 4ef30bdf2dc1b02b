"""Seed files (--seed / MOCK_COGNITO_SEED), export, /_mock/reset, /_mock/totp and the healthcheck subcommand."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import struct
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from e2e import REPO_ROOT, binary_path, free_port

EXAMPLE = REPO_ROOT / "fixtures" / "example-seed.json"
POOL = "us-east-1_Example01"
WEB_CLIENT = "exampleclient0000000000001"
BACKEND_CLIENT = "exampleclient0000000000002"
BACKEND_SECRET = "examplesecret0000000000000000000000000000000000000"
PASSWORD = "Example-Passw0rd"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def rfc6238(secret_b32: str, at: float, step: int = 30, digits: int = 6) -> str:
    """RFC 6238 with HMAC-SHA1, computed here independently of the server."""
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(at // step)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10 ** digits).zfill(digits)


def http_json(server, method: str, path: str):
    req = urllib.request.Request(server.url + path, method=method, data=b"" if method == "POST" else None,
                                 headers={"Content-Type": "application/json"} if method == "POST" else {})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def run_binary(*args, env=None, timeout=20) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("MOCK_COGNITO_")}
    full_env.update(env or {})
    return subprocess.run([str(binary_path()), *args], capture_output=True, text=True, timeout=timeout, env=full_env)


def write_seed(path: Path, document: dict) -> Path:
    path.write_text(json.dumps(document, indent=2))
    return path


def example_document() -> dict:
    return json.loads(EXAMPLE.read_text())


@pytest.fixture
def seeded(server_factory):
    return server_factory(args=("--seed", str(EXAMPLE)))


# -- loading -------------------------------------------------------------------------------------
def test_seeded_pool_clients_and_users(seeded):
    c = seeded.client()
    pool = c.describe_user_pool(UserPoolId=POOL)["UserPool"]
    assert pool["Name"] == "example-pool"
    assert pool["Policies"]["PasswordPolicy"]["MinimumLength"] == 10
    assert c.get_user_pool_mfa_config(UserPoolId=POOL)["MfaConfiguration"] == "OPTIONAL"
    assert c.get_user_pool_mfa_config(UserPoolId=POOL)["SoftwareTokenMfaConfiguration"] == {"Enabled": True}
    backend = c.describe_user_pool_client(UserPoolId=POOL, ClientId=BACKEND_CLIENT)["UserPoolClient"]
    assert backend["ClientSecret"] == BACKEND_SECRET
    assert "ALLOW_ADMIN_USER_PASSWORD_AUTH" in backend["ExplicitAuthFlows"]
    user = c.admin_get_user(UserPoolId=POOL, Username="totp-user")
    assert user["UserStatus"] == "CONFIRMED"
    attributes = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
    assert attributes["sub"] == "11111111-1111-4111-8111-111111111111"
    assert attributes["email"] == "totp-user@example.com"
    assert user.get("PreferredMfaSetting") == "SOFTWARE_TOKEN_MFA"
    sms = c.admin_get_user(UserPoolId=POOL, Username="sms-user")
    assert {a["Name"]: a["Value"] for a in sms["UserAttributes"]}["phone_number"] == "+15555550100"
    # The password is stored as an SRP verifier and works.
    out = c.initiate_auth(ClientId=WEB_CLIENT, AuthFlow="USER_PASSWORD_AUTH",
                          AuthParameters={"USERNAME": "plain-user", "PASSWORD": PASSWORD})
    assert "AccessToken" in out["AuthenticationResult"]


def test_loading_twice_changes_nothing_and_keeps_runtime_changes(seeded):
    c = seeded.client()
    c.admin_update_user_attributes(UserPoolId=POOL, Username="plain-user",
                                   UserAttributes=[{"Name": "name", "Value": "changed at runtime"}])
    before = run_export_http(seeded)
    seeded.restart()
    assert "0 pools, 0 clients, 0 users created; 6 already there" in seeded.stderr()
    assert run_export_http(seeded) == before
    user = seeded.client().admin_get_user(UserPoolId=POOL, Username="plain-user")
    assert {a["Name"]: a["Value"] for a in user["UserAttributes"]}["name"] == "changed at runtime"


def test_seed_paths_from_the_environment(server_factory, tmp_path):
    second = write_seed(tmp_path / "second.json", {"pools": [{"id": "eu-west-1_Second01", "name": "second"}]})
    s = server_factory(env={"MOCK_COGNITO_SEED": f"{EXAMPLE}:{second}"})
    assert s.client().describe_user_pool(UserPoolId=POOL)["UserPool"]["Id"] == POOL
    second_pool = s.client(region="eu-west-1").describe_user_pool(UserPoolId="eu-west-1_Second01")["UserPool"]
    assert second_pool["Arn"].startswith("arn:aws:cognito-idp:eu-west-1:")


# -- all or nothing ------------------------------------------------------------------------------
def bad_password_document() -> dict:
    document = example_document()
    document["pools"][0]["users"][2]["password"] = "Short1"
    return document


def test_bad_file_stops_the_server_before_it_listens_and_writes_nothing(tmp_path):
    bad = write_seed(tmp_path / "bad.json", bad_password_document())
    db = tmp_path / "fresh.sqlite3"
    proc = run_binary("--port", str(free_port()), "--db", str(db), "--seed", str(bad))
    assert proc.returncode == 65, proc.stderr
    assert proc.stderr.strip() == (
        f"mock-cognito: seed file {bad}: $.pools[0].users[2].password: InvalidPasswordException: "
        "Password did not conform with password policy: Password not long enough")
    assert "listening" not in proc.stderr
    assert not db.exists(), "a database made for a failed load is removed again"


def test_bad_file_leaves_an_existing_database_untouched(server_factory, tmp_path):
    db = str(tmp_path / "kept.sqlite3")
    first = server_factory(db=db)
    first.client().create_user_pool(PoolName="existing")
    exported = run_export_http(first)
    assert first.stop() == 0
    document = bad_password_document()
    document["pools"].insert(0, {"id": "us-east-1_Good0001", "name": "would-be-created-first"})
    bad = write_seed(tmp_path / "bad.json", document)
    proc = run_binary("--port", str(free_port()), "--db", db, "--seed", str(bad))
    assert proc.returncode == 65
    assert "$.pools[1].users[2].password" in proc.stderr
    after = run_binary("export", "--db", db)
    assert after.returncode == 0, after.stderr
    assert json.loads(after.stdout) == exported


@pytest.mark.parametrize("mutate, path, problem", [
    (lambda d: d["pools"][0]["users"][0].update(colour="blue"), "$.pools[0].users[0].colour", "unknown member"),
    (lambda d: d["pools"][0]["users"][0]["mfa"].update(totpSecret="not base32!"),
     "$.pools[0].users[0].mfa.totpSecret", "expected a base32 secret"),
    (lambda d: d["pools"][0]["users"][1]["mfa"].update(preferred="SOFTWARE_TOKEN_MFA"),
     "$.pools[0].users[1].mfa.preferred", "the preferred factor must also be listed in enabled"),
    (lambda d: d["pools"][0]["mfa"].update(MfaConfiguration="SOMETIMES"), "$.pools[0].mfa",
     "InvalidParameterException: 1 validation error detected: Value 'SOMETIMES' at 'mfaConfiguration'"),
    (lambda d: d["pools"][0]["users"][0]["attributes"].update(email="not-an-email"), "$.pools[0].users[0].attributes",
     "InvalidParameterException"),
    (lambda d: d["pools"][0].update(id="no-underscore"), "$.pools[0].id", "expected a pool id"),
    (lambda d: d["pools"][0]["clients"][1].update(secret="short"), "$.pools[0].clients[1]",
     "InvalidParameterException"),
])
def test_each_problem_names_its_path(tmp_path, mutate, path, problem):
    document = example_document()
    mutate(document)
    bad = write_seed(tmp_path / "bad.json", document)
    proc = run_binary("--port", str(free_port()), "--db", str(tmp_path / "db.sqlite3"), "--seed", str(bad))
    assert proc.returncode == 65
    assert proc.stderr.startswith(f"mock-cognito: seed file {bad}: {path}: "), proc.stderr
    assert problem in proc.stderr


def test_invalid_json_and_missing_file(tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text('{"pools": [')
    proc = run_binary("--port", "0", "--db", ":memory:", "--seed", str(bad))
    assert proc.returncode == 65
    assert proc.stderr.startswith(f"mock-cognito: seed file {bad}: $: not valid JSON")
    proc = run_binary("--port", "0", "--db", ":memory:", "--seed", str(tmp_path / "missing.json"))
    assert proc.returncode == 65
    assert "cannot read the file" in proc.stderr


# -- export --------------------------------------------------------------------------------------
def run_export_http(server, verifiers: bool = False) -> dict:
    status, body = http_json(server, "GET", "/_mock/export" + ("?withPasswordVerifiers=true" if verifiers else ""))
    assert status == 200
    return body


def test_export_round_trip(seeded, server_factory, tmp_path):
    exported = run_export_http(seeded)
    users = exported["pools"][0]["users"]
    assert all("password" not in u and "passwordVerifier" not in u for u in users)
    assert users[0]["mfa"] == {"totpSecret": TOTP_SECRET, "totpDeviceName": "example authenticator",
                               "enabled": ["SOFTWARE_TOKEN_MFA"], "preferred": "SOFTWARE_TOKEN_MFA"}
    # The export subcommand on a stopped server's database says the same.
    db = seeded.db
    assert seeded.stop() == 0
    cli = run_binary("export", "--db", db)
    assert cli.returncode == 0, cli.stderr
    assert json.loads(cli.stdout) == exported
    # Loading the export into an empty database gives the same export back.
    again = server_factory(args=("--seed", str(write_seed(tmp_path / "exported.json", exported))))
    assert run_export_http(again) == exported


def test_export_with_password_verifiers_keeps_sign_in(seeded, server_factory, tmp_path):
    exported = run_export_http(seeded, verifiers=True)
    assert all("passwordVerifier" in u for u in exported["pools"][0]["users"])
    copy = server_factory(args=("--seed", str(write_seed(tmp_path / "with-verifiers.json", exported))))
    out = copy.client().initiate_auth(ClientId=WEB_CLIENT, AuthFlow="USER_PASSWORD_AUTH",
                                      AuthParameters={"USERNAME": "plain-user", "PASSWORD": PASSWORD})
    assert "AccessToken" in out["AuthenticationResult"]


def test_export_refuses_a_database_in_use(seeded):
    proc = run_binary("export", "--db", seeded.db)
    assert proc.returncode == 1
    assert "in use by a running server" in proc.stderr


# -- reset ---------------------------------------------------------------------------------------
def test_reset_everything_returns_to_the_seeds(seeded):
    c = seeded.client()
    extra = c.create_user_pool(PoolName="made-in-a-test")["UserPool"]["Id"]
    c.admin_delete_user(UserPoolId=POOL, Username="sms-user")
    c.delete_user_pool_client(UserPoolId=POOL, ClientId=WEB_CLIENT)
    assert http_json(seeded, "POST", "/_mock/reset") == (200, {"reset": "all"})
    ids = [p["Id"] for p in c.list_user_pools(MaxResults=60)["UserPools"]]
    assert ids == [POOL]
    assert c.admin_get_user(UserPoolId=POOL, Username="sms-user")["UserStatus"] == "CONFIRMED"
    assert c.describe_user_pool_client(UserPoolId=POOL, ClientId=WEB_CLIENT)["UserPoolClient"]["ClientName"] == "example-web"
    assert extra not in ids


def test_reset_one_pool(seeded):
    c = seeded.client()
    other = c.create_user_pool(PoolName="other")["UserPool"]["Id"]
    c.admin_create_user(UserPoolId=POOL, Username="temporary", MessageAction="SUPPRESS")
    assert http_json(seeded, "POST", f"/_mock/reset?userPoolId={POOL}") == (200, {"reset": POOL, "userPoolId": POOL})
    usernames = sorted(u["Username"] for u in c.list_users(UserPoolId=POOL)["Users"])
    assert usernames == ["plain-user", "sms-user", "totp-user"]
    assert c.describe_user_pool(UserPoolId=other)["UserPool"]["Name"] == "other"
    # A pool that is not seeded is deleted; an unknown one is a 404.
    assert http_json(seeded, "POST", f"/_mock/reset?userPoolId={other}")[0] == 200
    assert [p["Id"] for p in c.list_user_pools(MaxResults=60)["UserPools"]] == [POOL]
    status, body = http_json(seeded, "POST", "/_mock/reset?userPoolId=us-east-1_Nope00000")
    assert status == 404 and body["__type"] == "ResourceNotFoundException"


# -- TOTP ----------------------------------------------------------------------------------------
def test_totp_code_matches_rfc6238(seeded):
    status, body = http_json(seeded, "GET", f"/_mock/totp?userPoolId={POOL}&username=totp-user")
    now = time.time()
    assert status == 200
    assert 1 <= body["expiresIn"] <= 30
    assert body["code"] in {rfc6238(TOTP_SECRET, now), rfc6238(TOTP_SECRET, now - 1)}
    try:
        import pyotp
    except ImportError:
        return
    assert body["code"] in {pyotp.TOTP(TOTP_SECRET).at(now), pyotp.TOTP(TOTP_SECRET).at(now - 1)}


def test_totp_follows_the_service_clock(seeded):
    _, clock = http_json(seeded, "GET", "/_mock/clock")
    req = urllib.request.Request(seeded.url + "/_mock/clock", method="POST", data=b'{"advanceSeconds": 3600}',
                                 headers={"Content-Type": "application/json"})
    urllib.request.urlopen(req, timeout=10).read()
    _, body = http_json(seeded, "GET", f"/_mock/totp?userPoolId={POOL}&username=totp-user")
    _, clock = http_json(seeded, "GET", "/_mock/clock")
    assert body["code"] in {rfc6238(TOTP_SECRET, clock["now"]), rfc6238(TOTP_SECRET, clock["now"] - 1)}


@pytest.mark.parametrize("query, kind", [
    (f"userPoolId=us-east-1_Nope00000&username=totp-user", "ResourceNotFoundException"),
    (f"userPoolId={POOL}&username=nobody", "UserNotFoundException"),
    (f"userPoolId={POOL}&username=sms-user", "SoftwareTokenMFANotFoundException"),
])
def test_totp_404s(seeded, query, kind):
    status, body = http_json(seeded, "GET", f"/_mock/totp?{query}")
    assert status == 404 and body["__type"] == kind


def test_seeded_totp_user_signs_in_with_the_mock_code(seeded):
    c = seeded.client()
    first = c.initiate_auth(ClientId=WEB_CLIENT, AuthFlow="USER_PASSWORD_AUTH",
                            AuthParameters={"USERNAME": "totp-user", "PASSWORD": PASSWORD})
    assert first["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    assert first["ChallengeParameters"].get("FRIENDLY_DEVICE_NAME") == "example authenticator"
    _, totp = http_json(seeded, "GET", f"/_mock/totp?userPoolId={POOL}&username=totp-user")
    done = c.respond_to_auth_challenge(
        ClientId=WEB_CLIENT, ChallengeName="SOFTWARE_TOKEN_MFA", Session=first["Session"],
        ChallengeResponses={"USERNAME": "totp-user", "SOFTWARE_TOKEN_MFA_CODE": totp["code"]})
    assert "AccessToken" in done["AuthenticationResult"]


def test_seeded_sms_user_gets_an_sms_challenge(seeded):
    out = seeded.client().initiate_auth(ClientId=WEB_CLIENT, AuthFlow="USER_PASSWORD_AUTH",
                                        AuthParameters={"USERNAME": "sms-user", "PASSWORD": PASSWORD})
    assert out["ChallengeName"] == "SMS_MFA"


# -- healthcheck subcommand ----------------------------------------------------------------------
def test_healthcheck_subcommand(seeded):
    assert run_binary("healthcheck", "--port", str(seeded.port)).returncode == 0
    assert run_binary("healthcheck", env={"MOCK_COGNITO_PORT": str(seeded.port)}).returncode == 0
    closed = run_binary("healthcheck", "--port", str(free_port()))
    assert closed.returncode == 1
    assert "cannot connect to 127.0.0.1" in closed.stderr


def test_healthcheck_times_out_on_a_silent_listener():
    import socket
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        started = time.monotonic()
        proc = run_binary("healthcheck", "--port", str(listener.getsockname()[1]))
        elapsed = time.monotonic() - started
    assert proc.returncode == 1
    assert 1.5 <= elapsed <= 15, elapsed  # the 2 s timeout, with room for a loaded machine
