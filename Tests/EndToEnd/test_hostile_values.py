"""Hostile values in otherwise well-formed requests: a clock moved to the end of time, secrets that
must never be echoed, and error messages far larger than any header should be.

Sensitive members: AWS never prints the value of a member whose botocore shape is marked
`"sensitive": true` (PasswordType, TokenModelType, SessionType, SecretHashType, ClientIdType,
UsernameType, AttributeValueType, ...): `Value at 'password' failed to satisfy constraint: ...`.
"""
from __future__ import annotations

import datetime
import json

import pytest

from e2e import advance_clock, aws_error, control, create_pool, post, raw_request, read_response

# 9999-12-31T23:59:59Z: the latest instant the service clock may show (ISO 8601 four-digit years).
LATEST = 253_402_300_799
PASSWORD = "Corr3ct-Horse!"
PASSWORD_PATTERN = r"Member must satisfy regular expression pattern: [\S]+"  # the model's PasswordType
TOKEN_PATTERN = "Member must satisfy regular expression pattern: [A-Za-z0-9-_=.]+"
MAX_HEADER_LINE = 8 * 1024


def pool_with_client(cognito):
    pool_id = create_pool(cognito)["Id"]
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id, ClientName="app",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
    cognito.admin_create_user(UserPoolId=pool_id, Username="alice", MessageAction="SUPPRESS")
    cognito.admin_set_user_password(UserPoolId=pool_id, Username="alice", Password=PASSWORD, Permanent=True)
    return pool_id, client_id


def sign_in(cognito, client_id):
    return cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                 AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD})


# -- the clock (finding: one request stopped the server) ---------------------------------------------
@pytest.mark.parametrize("seconds", [1e19, 1.7e308, 10**30, LATEST])
def test_clock_refuses_to_pass_the_year_9999_and_sign_in_still_works(fresh_server, seconds):
    cognito = fresh_server.client()
    _, client_id = pool_with_client(cognito)
    before = control(fresh_server, "GET", "/_mock/clock").json()
    r = control(fresh_server, "POST", "/_mock/clock", {"advanceSeconds": seconds})
    assert r.status == 400, r
    assert "9999-12-31T23:59:59Z" in r.json()["message"], r
    assert control(fresh_server, "GET", "/_mock/clock").json()["offsetSeconds"] == before["offsetSeconds"]
    assert "AccessToken" in sign_in(cognito, client_id)["AuthenticationResult"]
    assert fresh_server.running()


@pytest.mark.parametrize("body, fragment", [
    (b'{"advanceSeconds": -1}', "0 or more"),
    (b'{"advanceSeconds": -1e400}', "advanceSeconds"),  # beyond Double: not a readable number
    (b'{"advanceSeconds": 1e400}', "advanceSeconds"),
    (b'{"advanceSeconds": "60"}', "advanceSeconds"),
    (b'{"advanceSeconds": null}', "advanceSeconds"),
    (b'[1]', "advanceSeconds"),
])
def test_clock_refuses_negative_infinite_and_malformed_values(server, body, fragment):
    r = control(server, "POST", "/_mock/clock", body)
    assert r.status == 400, r
    assert fragment in r.json()["message"]


def test_tokens_issued_at_the_last_second_of_9999_are_still_answered(fresh_server):
    cognito = fresh_server.client()
    _, client_id = pool_with_client(cognito)
    now = control(fresh_server, "GET", "/_mock/clock").json()["now"]
    state = advance_clock(fresh_server, LATEST - now - 5)
    assert LATEST - 10 < state["now"] <= LATEST
    result = sign_in(cognito, client_id)["AuthenticationResult"]
    refreshed = cognito.initiate_auth(ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                                      AuthParameters={"REFRESH_TOKEN": result["RefreshToken"]})
    assert "AccessToken" in refreshed["AuthenticationResult"]
    assert cognito.get_user(AccessToken=result["AccessToken"])["Username"] == "alice"
    r = control(fresh_server, "POST", "/_mock/clock", {"advanceSeconds": 3600})
    assert r.status == 400 and fresh_server.running()
    assert datetime.datetime.fromtimestamp(state["now"], datetime.timezone.utc).year == 9999


# -- sensitive members are never echoed --------------------------------------------------------------
def sensitive(path: str, constraint: str) -> str:
    return f"1 validation error detected: Value at '{path}' failed to satisfy constraint: {constraint}"


def test_sign_up_password_is_not_echoed_in_body_or_header(server):
    cognito = server.client()
    _, client_id = pool_with_client(cognito)
    expected = sensitive("password", PASSWORD_PATTERN)
    with aws_error("InvalidParameterException", expected):
        cognito.sign_up(ClientId=client_id, Username="bob", Password="Leaky Passw0rd! ")
    r = post(server, "SignUp", {"ClientId": client_id, "Username": "bob", "Password": "Leaky Passw0rd! "})
    assert r.json()["message"] == expected
    assert r.header("x-amzn-ErrorMessage") == expected
    assert b"Leaky" not in r.body


@pytest.mark.parametrize("operation, kwargs, message", [
    ("change_password", {"PreviousPassword": " Old Passw0rd", "ProposedPassword": "Fine-Passw0rd", "AccessToken": "abc"},
     sensitive("previousPassword", PASSWORD_PATTERN)),
    ("change_password", {"PreviousPassword": "Old-Passw0rd", "ProposedPassword": "New Passw0rd ", "AccessToken": "abc"},
     sensitive("proposedPassword", PASSWORD_PATTERN)),
    ("get_user", {"AccessToken": "secret token value!"}, sensitive("accessToken", TOKEN_PATTERN)),
    ("respond_to_auth_challenge", {"ClientId": "someclient", "ChallengeName": "SMS_MFA", "Session": "short-secret"},
     sensitive("session", "Member must have length greater than or equal to 20")),
    ("sign_up", {"ClientId": "someclient", "Username": "bob", "SecretHash": "not/a secret hash"},
     sensitive("secretHash", r"Member must satisfy regular expression pattern: [\w+=/]+")),
    ("admin_create_user", {"UserPoolId": "us-east-1_abcdefghi", "Username": "bob",
                           "UserAttributes": [{"Name": "name", "Value": "x" * 2049}]},
     sensitive("userAttributes.1.member.value", "Member must have length less than or equal to 2048")),
    ("initiate_auth", {"ClientId": "bad client id", "AuthFlow": "USER_PASSWORD_AUTH"},
     sensitive("clientId", r"Member must satisfy regular expression pattern: [\w+]+")),
])
def test_sensitive_members_are_never_echoed(server, operation, kwargs, message):
    cognito = server.client(validate=False)
    with aws_error("InvalidParameterException", message):
        getattr(cognito, operation)(**kwargs)


def test_two_sensitive_violations_hide_both_values(server):
    r = post(server, "ChangePassword", {"PreviousPassword": " Hidden1", "ProposedPassword": " Hidden2",
                                        "AccessToken": "tok en"})
    message = r.json()["message"]
    assert message.startswith("3 validation errors detected: ")
    assert "Hidden" not in message and "tok en" not in message
    assert "Hidden" not in (r.header("x-amzn-ErrorMessage") or "")


def test_debug_log_never_contains_a_rejected_password(server_factory):
    server = server_factory(args=("--log-level", "debug"))
    cognito = server.client()
    _, client_id = pool_with_client(cognito)
    with pytest.raises(Exception):
        cognito.sign_up(ClientId=client_id, Username="bob", Password="Leaky Passw0rd! ")
    with pytest.raises(Exception):
        sign_in_with(cognito, client_id, "Wr0ng Secret-Password")
    assert "Leaky" not in server.stderr() and "Wr0ng" not in server.stderr()


def sign_in_with(cognito, client_id, password):
    return cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                 AuthParameters={"USERNAME": "alice", "PASSWORD": password})


# -- no header line over 8 KiB -----------------------------------------------------------------------
def test_huge_filter_error_keeps_the_body_whole_and_the_header_small(server):
    cognito = server.client(validate=False)
    pool_id = create_pool(cognito)["Id"]
    def expected(value):
        return (f"1 validation error detected: Value '{value}' at 'filter' failed to satisfy constraint: "
                "Member must have length less than or equal to 256")
    ascii_filter = 'name = "' + "a" * 900_000 + '"'
    with aws_error("InvalidParameterException", expected(ascii_filter)):
        cognito.list_users(UserPoolId=pool_id, Filter=ascii_filter)
    # Two-byte characters, sent as raw UTF-8 (boto3 would escape them), so the cut falls inside one.
    huge = 'name = "' + "é" * 400_000 + '"'
    body = json.dumps({"UserPoolId": pool_id, "Filter": huge}, ensure_ascii=False).encode()
    with server.raw_socket() as sock:
        sock.sendall(raw_request("ListUsers", body))
        response, _ = read_response(sock)
        sock.sendall(raw_request("ListUserPools", b'{"MaxResults": 1}'))
        after, _ = read_response(sock)
    assert response.json()["message"] == expected(huge)
    header = response.header("x-amzn-ErrorMessage").encode("latin-1")
    assert 0 < len(header) <= MAX_HEADER_LINE and header.endswith(b"...")
    assert expected(huge).encode().startswith(header.removesuffix(b"..."))
    header.decode("utf-8")  # cut between characters, never inside one
    for name, value in response.header_list:
        assert len(name) + 2 + len(value) <= MAX_HEADER_LINE, name
    assert after.status == 200


def test_huge_attribute_value_is_answered_without_closing_the_connection(server):
    cognito = server.client(validate=False)
    pool_id = create_pool(cognito)["Id"]
    with aws_error("InvalidParameterException",
                   sensitive("userAttributes.1.member.value", "Member must have length less than or equal to 2048")):
        cognito.admin_create_user(UserPoolId=pool_id, Username="bob", MessageAction="SUPPRESS",
                                  UserAttributes=[{"Name": "name", "Value": "v" * 900_000}])
