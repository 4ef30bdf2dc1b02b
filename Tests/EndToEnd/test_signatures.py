"""SigV4 checking (`--verify-signatures`): botocore-signed requests with the configured key pass;
wrong secret, unknown key, no signature, a stale or future date and a malformed header get AWS's
errors with AWS's texts; the unauthenticated operations of spec 5.5 stay open. Off by default
(spec section 9 row 21; test_protocol.py covers that)."""
from __future__ import annotations

import datetime
import re
from unittest import mock

import boto3
import botocore.auth
import pytest
from botocore import UNSIGNED
from botocore.config import Config

from e2e import aws_error, post, unique_name

KEY_ID = "AKIAMOCKCOGNITO00001"
SECRET = "mock/secret+Key0000000000000000000000000"
ARGS = ("--verify-signatures", "--access-key-id", KEY_ID, "--secret-access-key", SECRET)

MISMATCH = ("The request signature we calculated does not match the signature you provided. "
            "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.")


@pytest.fixture(scope="module")
def signing_server(tmp_path_factory):
    from e2e import Server
    server = Server(tmp_path_factory.mktemp("sigv4"), db=":memory:", args=ARGS).start()
    yield server
    assert server.stop() == 0


def client(server, key_id=KEY_ID, secret=SECRET, signed=True, region="eu-west-1"):
    config = Config(retries={"max_attempts": 1}, connect_timeout=5, read_timeout=30,
                    **({} if signed else {"signature_version": UNSIGNED}))
    return boto3.client("cognito-idp", endpoint_url=server.url, region_name=region,
                        aws_access_key_id=key_id, aws_secret_access_key=secret, config=config)


def test_right_keys_pass(signing_server):
    c = client(signing_server)
    pool = c.create_user_pool(PoolName=unique_name("sig"))["UserPool"]
    assert pool["Id"].startswith("eu-west-1_")  # region still taken from the credential scope
    assert c.get_user_pool_mfa_config(UserPoolId=pool["Id"])["MfaConfiguration"] == "OFF"
    c.admin_create_user(UserPoolId=pool["Id"], Username="signed-user", MessageAction="SUPPRESS")
    assert c.admin_get_user(UserPoolId=pool["Id"], Username="signed-user")["Username"] == "signed-user"
    # Paginated calls send a query-less POST with a NextToken in the body: still fine.
    assert c.list_user_pools(MaxResults=60)["UserPools"]


def test_wrong_secret_is_invalid_signature(signing_server):
    with aws_error("InvalidSignatureException", MISMATCH):
        client(signing_server, secret="not-the-secret").list_user_pools(MaxResults=1)


def test_unknown_access_key_is_unrecognized_client(signing_server):
    with aws_error("UnrecognizedClientException", "The security token included in the request is invalid."):
        client(signing_server, key_id="AKIAUNKNOWN000000000").list_user_pools(MaxResults=1)


def test_no_signature_is_missing_authentication_token(signing_server):
    with aws_error("MissingAuthenticationTokenException", "Missing Authentication Token"):
        client(signing_server, signed=False).list_user_pools(MaxResults=1)


def _signed_at(server, moment: datetime.datetime):
    """A boto3 call whose signature carries `moment` as its X-Amz-Date."""
    return mock.patch.object(botocore.auth, "get_current_datetime", return_value=moment)


def test_stale_date_is_signature_expired(signing_server):
    moment = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None) - datetime.timedelta(minutes=6)
    stamp = moment.strftime("%Y%m%dT%H%M%SZ")
    with _signed_at(signing_server, moment), aws_error("InvalidSignatureException", mock.ANY) as excinfo:
        client(signing_server).list_user_pools(MaxResults=1)
    message = excinfo.value.response["Error"]["Message"]
    m = re.fullmatch(rf"Signature expired: {stamp} is now earlier than (\d{{8}}T\d{{6}}Z) \((\d{{8}}T\d{{6}}Z) - 5 min\.\)",
                     message)
    assert m, message
    fmt = "%Y%m%dT%H%M%SZ"
    limit, now = (datetime.datetime.strptime(x, fmt) for x in m.groups())
    assert now - limit == datetime.timedelta(minutes=5)
    assert abs((now - moment).total_seconds() - 360) < 30


def test_future_date_is_not_yet_current(signing_server):
    moment = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None) + datetime.timedelta(minutes=7)
    stamp = moment.strftime("%Y%m%dT%H%M%SZ")
    with _signed_at(signing_server, moment), aws_error("InvalidSignatureException", mock.ANY) as excinfo:
        client(signing_server).list_user_pools(MaxResults=1)
    message = excinfo.value.response["Error"]["Message"]
    assert re.fullmatch(rf"Signature not yet current: {stamp} is still later than \d{{8}}T\d{{6}}Z "
                        rf"\(\d{{8}}T\d{{6}}Z \+ 5 min\.\)", message), message


def test_date_within_five_minutes_passes(signing_server):
    moment = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None) - datetime.timedelta(minutes=4)
    with _signed_at(signing_server, moment):
        client(signing_server).list_user_pools(MaxResults=1)


def test_tampered_body_is_invalid_signature(signing_server):
    c = client(signing_server)

    def tamper(request, **_):
        assert "Authorization" in request.headers  # runs after signing
        request.body = request.body.replace(b'"MaxResults": 1', b'"MaxResults": 2')  # same length

    c.meta.events.register("before-send.cognito-identity-provider.ListUserPools", tamper)
    with aws_error("InvalidSignatureException", MISMATCH):
        c.list_user_pools(MaxResults=1)


@pytest.mark.parametrize("header, message", [
    ("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/cognito-idp/aws4_request",
     "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. "
     "Authorization=AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/cognito-idp/aws4_request"),
    ("Bearer abc",
     "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. "
     "Authorization header requires 'SignedHeaders' parameter. Authorization=Bearer abc"),
    ("AWS4-HMAC-SHA256 Credential=AKID /20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=00",
     "'/20260101/us-east-1/cognito-idp/aws4_request' not a valid key=value pair (missing equal-sign) in "
     "Authorization header: 'AWS4-HMAC-SHA256 Credential=AKID /20260101/us-east-1/cognito-idp/aws4_request, "
     "SignedHeaders=host, Signature=00'."),
])
def test_malformed_authorization_is_incomplete_signature(signing_server, header, message):
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    r = post(signing_server, "ListUserPools", {"MaxResults": 1}, headers={"Authorization": header, "X-Amz-Date": stamp})
    assert r.status == 400, r
    assert r.json() == {"__type": "IncompleteSignatureException", "message": message}


def test_wrong_service_in_scope(signing_server):
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    header = (f"AWS4-HMAC-SHA256 Credential={KEY_ID}/{stamp[:8]}/us-east-1/dynamodb/aws4_request, "
              "SignedHeaders=host;x-amz-date, Signature=" + "0" * 64)
    r = post(signing_server, "ListUserPools", {"MaxResults": 1}, headers={"Authorization": header, "X-Amz-Date": stamp})
    assert r.json() == {"__type": "InvalidSignatureException",
                        "message": "Credential should be scoped to correct service: 'cognito-idp'. "}


@pytest.mark.parametrize("call", [
    lambda c: c.initiate_auth(AuthFlow="USER_PASSWORD_AUTH", ClientId="a" * 26,
                              AuthParameters={"USERNAME": "u", "PASSWORD": "p"}),
    lambda c: c.sign_up(ClientId="a" * 26, Username="u", Password="Passw0rd!"),
    lambda c: c.get_user(AccessToken="not-a-token"),
    lambda c: c.respond_to_auth_challenge(ClientId="a" * 26, ChallengeName="SMS_MFA",
                                          ChallengeResponses={"USERNAME": "u"}),
])
def test_unauthenticated_operations_stay_open(signing_server, call):
    """Unsigned, they reach the operation itself: its own error, not an authentication error."""
    with pytest.raises(Exception) as excinfo:
        call(client(signing_server, signed=False))
    code = excinfo.value.response["Error"]["Code"]
    assert code in ("ResourceNotFoundException", "NotAuthorizedException"), excinfo.value


def test_unsigned_sign_in_works_end_to_end(signing_server):
    admin = client(signing_server)
    pool = admin.create_user_pool(PoolName=unique_name("sig"))["UserPool"]
    app = admin.create_user_pool_client(UserPoolId=pool["Id"], ClientName="c",
                                        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    client_id = app["UserPoolClient"]["ClientId"]
    admin.admin_create_user(UserPoolId=pool["Id"], Username="bob", MessageAction="SUPPRESS")
    admin.admin_set_user_password(UserPoolId=pool["Id"], Username="bob", Password="Passw0rd!", Permanent=True)
    anonymous = client(signing_server, signed=False)
    tokens = anonymous.initiate_auth(AuthFlow="USER_PASSWORD_AUTH", ClientId=client_id,
                                     AuthParameters={"USERNAME": "bob", "PASSWORD": "Passw0rd!"})["AuthenticationResult"]
    assert anonymous.get_user(AccessToken=tokens["AccessToken"])["Username"] == "bob"
    # The same unsigned client is refused on an IAM operation.
    with aws_error("MissingAuthenticationTokenException", "Missing Authentication Token"):
        anonymous.admin_get_user(UserPoolId=pool["Id"], Username="bob")


def test_environment_twins_turn_it_on(server_factory):
    server = server_factory(db=":memory:", env={
        "MOCK_COGNITO_VERIFY_SIGNATURES": "true", "MOCK_COGNITO_ACCESS_KEY_ID": KEY_ID,
        "MOCK_COGNITO_SECRET_ACCESS_KEY": SECRET})
    client(server).list_user_pools(MaxResults=1)
    with aws_error("UnrecognizedClientException", "The security token included in the request is invalid."):
        client(server, key_id="AKIAOTHER").list_user_pools(MaxResults=1)


def test_verify_without_keys_is_a_usage_error(server_factory):
    import subprocess
    from e2e import binary_path
    done = subprocess.run([str(binary_path()), "--port", "0", "--db", ":memory:", "--verify-signatures"],
                          capture_output=True, text=True, timeout=20)
    assert done.returncode == 64
    assert "--access-key-id" in done.stderr
