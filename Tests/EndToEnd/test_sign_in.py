"""Password sign-in, NEW_PASSWORD_REQUIRED, refresh, sessions, tokens and sign-out through boto3,
with the tokens verified by PyJWT (a real third-party JWT verifier) against the pool's JWKS.

Error texts not in the spec carry their evidence next to the assertion; those in
`Sources/CognitoIdentityProvider/Auth/AuthErrors.swift` cite theirs there."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import urllib.request

import jwt
import pytest

from e2e import aws_error, unique_name

PASSWORD = "Corr3ct-Horse!"
FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]


def make_pool(cognito, **client_args):
    pool_id = cognito.create_user_pool(PoolName=unique_name("signin"))["UserPool"]["Id"]
    client = cognito.create_user_pool_client(
        UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=client_args.pop("ExplicitAuthFlows", FLOWS),
        **client_args)["UserPoolClient"]
    return pool_id, client


def make_user(cognito, pool_id, username="alice", password=PASSWORD, permanent=True, **attributes):
    attrs = [{"Name": k, "Value": v} for k, v in ({"email": f"{username}@example.com"} | attributes).items()]
    cognito.admin_create_user(UserPoolId=pool_id, Username=username, TemporaryPassword="Temp0rary!pass",
                              MessageAction="SUPPRESS", UserAttributes=attrs)
    if permanent:
        cognito.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=password, Permanent=True)


def sign_in(cognito, client_id, username="alice", password=PASSWORD, **extra):
    return cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                 AuthParameters={"USERNAME": username, "PASSWORD": password, **extra})


def jwks(server, pool_id):
    with urllib.request.urlopen(f"{server.url}/{pool_id}/.well-known/jwks.json") as response:
        return json.load(response)


def verify(server, pool_id, token, issuer_url=None, **options):
    """Verifies `token` with PyJWT against the pool's published key, the issuer (the endpoint the
    token was issued through, spec section 9) and, for ID tokens, the audience."""
    header = jwt.get_unverified_header(token)
    key = next(k for k in jwks(server, pool_id)["keys"] if k["kid"] == header["kid"])
    issuer = f"{issuer_url or server.url}/{pool_id}"
    return jwt.decode(token, jwt.PyJWK(key).key, algorithms=["RS256"], issuer=issuer, **options)


def secret_hash(secret, username, client_id):
    digest = hmac.new(secret.encode(), (username + client_id).encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def test_password_sign_in_issues_tokens_a_standard_library_verifies(server, cognito):
    pool_id, client = make_pool(cognito)
    make_user(cognito, pool_id)
    result = sign_in(cognito, client["ClientId"])
    assert result["ChallengeParameters"] == {}
    auth = result["AuthenticationResult"]
    assert auth["TokenType"] == "Bearer" and auth["ExpiresIn"] == 3600
    assert auth["RefreshToken"].count(".") == 4

    user = cognito.admin_get_user(UserPoolId=pool_id, Username="alice")
    sub = next(a["Value"] for a in user["UserAttributes"] if a["Name"] == "sub")
    id_claims = verify(server, pool_id, auth["IdToken"], audience=client["ClientId"])
    assert id_claims["sub"] == sub and id_claims["cognito:username"] == "alice"
    assert id_claims["token_use"] == "id" and id_claims["email"] == "alice@example.com"
    assert id_claims["exp"] - id_claims["iat"] == 3600 and id_claims["auth_time"] == id_claims["iat"]
    access = verify(server, pool_id, auth["AccessToken"])
    assert access["token_use"] == "access" and access["client_id"] == client["ClientId"]
    assert access["username"] == "alice" and access["scope"] == "aws.cognito.signin.user.admin"
    assert "aud" not in access
    assert access["origin_jti"] == id_claims["origin_jti"] and access["jti"] != id_claims["jti"]


def test_jwks_and_discovery_documents(server, cognito):
    pool_id, _ = make_pool(cognito)
    keys = jwks(server, pool_id)["keys"]
    assert len(keys) == 1
    assert {k: keys[0][k] for k in ("alg", "e", "kty", "use")} == {"alg": "RS256", "e": "AQAB", "kty": "RSA", "use": "sig"}
    assert len(keys[0]["kid"]) == 44 and keys[0]["kid"].endswith("=")
    assert keys == jwks(server, pool_id)["keys"], "a pool keeps its key"
    with urllib.request.urlopen(f"{server.url}/{pool_id}/.well-known/openid-configuration") as response:
        document = json.load(response)
    assert document["issuer"] == f"{server.url}/{pool_id}"
    assert document["jwks_uri"] == f"{server.url}/{pool_id}/.well-known/jwks.json"
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(f"{server.url}/us-east-1_nothere00/.well-known/jwks.json")
    assert missing.value.code == 404


def test_admin_flows_sign_in(server, cognito):
    pool_id, client = make_pool(cognito)
    make_user(cognito, pool_id)
    for flow in ("ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"):
        result = cognito.admin_initiate_auth(UserPoolId=pool_id, ClientId=client["ClientId"], AuthFlow=flow,
                                             AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD})
        verify(server, pool_id, result["AuthenticationResult"]["AccessToken"])


def test_wrong_password_unknown_disabled_and_unconfirmed_users(server, cognito):
    pool_id, client = make_pool(cognito, PreventUserExistenceErrors="LEGACY")
    make_user(cognito, pool_id)
    with aws_error("NotAuthorizedException", "Incorrect username or password."):
        sign_in(cognito, client["ClientId"], password="Wr0ng-password!")
    with aws_error("UserNotFoundException", "User does not exist."):
        sign_in(cognito, client["ClientId"], username="nobody")
    cognito.admin_disable_user(UserPoolId=pool_id, Username="alice")
    with aws_error("NotAuthorizedException", "User is disabled."):
        sign_in(cognito, client["ClientId"])
    hidden = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="hidden", ExplicitAuthFlows=FLOWS,
                                             PreventUserExistenceErrors="ENABLED")["UserPoolClient"]
    with aws_error("NotAuthorizedException", "Incorrect username or password."):
        sign_in(cognito, hidden["ClientId"], username="nobody")


def test_flows_the_client_does_not_allow(server, cognito):
    pool_id, client = make_pool(cognito, ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    make_user(cognito, pool_id)
    with aws_error("InvalidParameterException", "USER_PASSWORD_AUTH flow not enabled for this client"):
        sign_in(cognito, client["ClientId"])
    with aws_error("InvalidParameterException", "Auth flow not enabled for this client"):
        cognito.admin_initiate_auth(UserPoolId=pool_id, ClientId=client["ClientId"], AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                    AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD})


def test_flows_of_the_other_operation(server, cognito):
    pool_id, client = make_pool(cognito)
    with aws_error("InvalidParameterException", "Initiate Auth method not supported."):
        cognito.initiate_auth(ClientId=client["ClientId"], AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                              AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD})
    with aws_error("InvalidParameterException", "Initiate Auth method not supported."):
        cognito.admin_initiate_auth(UserPoolId=pool_id, ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                                    AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD})


def test_missing_parameters_and_unknown_client(server, cognito):
    pool_id, client = make_pool(cognito)
    with aws_error("InvalidParameterException", "Missing required parameter USERNAME"):
        cognito.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"PASSWORD": "x"})
    with aws_error("InvalidParameterException", "Missing required parameter REFRESH_TOKEN"):
        cognito.initiate_auth(ClientId=client["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={})
    with aws_error("ResourceNotFoundException", "User pool client 1234567890abcdefghijklmnop does not exist."):
        cognito.initiate_auth(ClientId="1234567890abcdefghijklmnop", AuthFlow="USER_PASSWORD_AUTH",
                              AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD})


def test_new_password_required_then_tokens(server, cognito):
    pool_id, client = make_pool(cognito)
    make_user(cognito, pool_id, permanent=False)
    challenge = sign_in(cognito, client["ClientId"], password="Temp0rary!pass")
    assert challenge["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    assert challenge["Session"].startswith("AYABe") and len(challenge["Session"]) > 200
    parameters = challenge["ChallengeParameters"]
    assert parameters["USER_ID_FOR_SRP"] == "alice"
    assert json.loads(parameters["requiredAttributes"]) == []
    assert json.loads(parameters["userAttributes"]) == {"email": "alice@example.com"}
    # InvalidPasswordException text: [A] many apps match `Password did not conform with policy: ...`.
    with aws_error("InvalidPasswordException", "Password did not conform with policy: Password not long enough"):
        cognito.respond_to_auth_challenge(ClientId=client["ClientId"], ChallengeName="NEW_PASSWORD_REQUIRED",
                                          Session=challenge["Session"],
                                          ChallengeResponses={"USERNAME": "alice", "NEW_PASSWORD": "Sh0rt!"})
    # A refused answer does not use the session up.
    result = cognito.respond_to_auth_challenge(ClientId=client["ClientId"], ChallengeName="NEW_PASSWORD_REQUIRED",
                                               Session=challenge["Session"],
                                               ChallengeResponses={"USERNAME": "alice", "NEW_PASSWORD": PASSWORD})
    verify(server, pool_id, result["AuthenticationResult"]["IdToken"], audience=client["ClientId"])
    assert cognito.admin_get_user(UserPoolId=pool_id, Username="alice")["UserStatus"] == "CONFIRMED"
    with aws_error("NotAuthorizedException", "Invalid session for the user, session can only be used once."):
        cognito.respond_to_auth_challenge(ClientId=client["ClientId"], ChallengeName="NEW_PASSWORD_REQUIRED",
                                          Session=challenge["Session"],
                                          ChallengeResponses={"USERNAME": "alice", "NEW_PASSWORD": PASSWORD})
    sign_in(cognito, client["ClientId"])


def test_new_password_required_attributes(server, cognito):
    pool_id = cognito.create_user_pool(PoolName=unique_name("required"), Schema=[
        {"Name": "name", "AttributeDataType": "String", "Required": True, "Mutable": True}])["UserPool"]["Id"]
    client = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=FLOWS)["UserPoolClient"]
    make_user(cognito, pool_id, permanent=False, name="Alice")
    challenge = sign_in(cognito, client["ClientId"], password="Temp0rary!pass")
    assert json.loads(challenge["ChallengeParameters"]["requiredAttributes"]) == ["userAttributes.name"]
    result = cognito.admin_respond_to_auth_challenge(
        UserPoolId=pool_id, ClientId=client["ClientId"], ChallengeName="NEW_PASSWORD_REQUIRED",
        Session=challenge["Session"],
        ChallengeResponses={"USERNAME": "alice", "NEW_PASSWORD": PASSWORD, "userAttributes.name": "Alice Liddell"})
    claims = verify(server, pool_id, result["AuthenticationResult"]["IdToken"], audience=client["ClientId"])
    assert claims["name"] == "Alice Liddell"


def test_sessions_expire_with_the_clock_and_garbage_is_refused(fresh_server):
    cognito = fresh_server.client()
    pool_id, client = make_pool(cognito)
    make_user(cognito, pool_id, permanent=False)
    challenge = sign_in(cognito, client["ClientId"], password="Temp0rary!pass")
    respond = lambda session: cognito.respond_to_auth_challenge(  # noqa: E731
        ClientId=client["ClientId"], ChallengeName="NEW_PASSWORD_REQUIRED", Session=session,
        ChallengeResponses={"USERNAME": "alice", "NEW_PASSWORD": PASSWORD})
    with aws_error("NotAuthorizedException", "Invalid session for the user."):
        respond("AYABe" + "x" * 300)
    advance(fresh_server, 3 * 60 + 1)  # the client's AuthSessionValidity defaults to 3 minutes
    with aws_error("NotAuthorizedException", "Invalid session for the user, session is expired."):
        respond(challenge["Session"])


def advance(server, seconds):
    request = urllib.request.Request(f"{server.url}/_mock/clock", data=json.dumps({"advanceSeconds": seconds}).encode(),
                                     method="POST", headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def test_temporary_passwords_expire(fresh_server):
    cognito = fresh_server.client()
    pool_id, client = make_pool(cognito)
    make_user(cognito, pool_id, permanent=False)
    advance(fresh_server, 7 * 86_400 + 1)  # TemporaryPasswordValidityDays defaults to 7
    with aws_error("NotAuthorizedException", "Temporary password has expired and must be reset by an administrator."):
        sign_in(cognito, client["ClientId"], password="Temp0rary!pass")


def test_refresh_tokens_and_their_expiry(fresh_server):
    cognito = fresh_server.client()
    pool_id, client = make_pool(cognito)
    make_user(cognito, pool_id)
    first = sign_in(cognito, client["ClientId"])["AuthenticationResult"]
    refreshed = cognito.initiate_auth(ClientId=client["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
                                      AuthParameters={"REFRESH_TOKEN": first["RefreshToken"]})["AuthenticationResult"]
    assert "RefreshToken" not in refreshed
    old = verify(fresh_server, pool_id, first["AccessToken"])
    new = verify(fresh_server, pool_id, refreshed["AccessToken"])
    assert new["origin_jti"] == old["origin_jti"] and new["auth_time"] == old["auth_time"]
    admin = cognito.admin_initiate_auth(UserPoolId=pool_id, ClientId=client["ClientId"], AuthFlow="REFRESH_TOKEN",
                                        AuthParameters={"REFRESH_TOKEN": first["RefreshToken"]})
    assert "AccessToken" in admin["AuthenticationResult"]
    with aws_error("NotAuthorizedException", "Invalid Refresh Token."):
        cognito.initiate_auth(ClientId=client["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
                              AuthParameters={"REFRESH_TOKEN": "not-a-token"})
    advance(fresh_server, 30 * 86_400 + 1)  # refresh tokens last 30 days by default
    with aws_error("NotAuthorizedException", "Refresh Token has expired"):
        cognito.initiate_auth(ClientId=client["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
                              AuthParameters={"REFRESH_TOKEN": first["RefreshToken"]})


def test_global_sign_out_revokes_refresh_and_access_tokens(server, cognito):
    pool_id, client = make_pool(cognito)
    make_user(cognito, pool_id)
    tokens = sign_in(cognito, client["ClientId"])["AuthenticationResult"]
    cognito.global_sign_out(AccessToken=tokens["AccessToken"])
    with aws_error("NotAuthorizedException", "Refresh Token has been revoked"):
        cognito.initiate_auth(ClientId=client["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
                              AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]})
    with aws_error("NotAuthorizedException", "Access Token has been revoked"):
        cognito.global_sign_out(AccessToken=tokens["AccessToken"])
    with aws_error("NotAuthorizedException", "Invalid Access Token"):
        cognito.global_sign_out(AccessToken="eyJhbGciOiJSUzI1NiJ9.e30.c2ln")
    again = sign_in(cognito, client["ClientId"])["AuthenticationResult"]
    cognito.admin_user_global_sign_out(UserPoolId=pool_id, Username="alice")
    with aws_error("NotAuthorizedException", "Refresh Token has been revoked"):
        cognito.initiate_auth(ClientId=client["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
                              AuthParameters={"REFRESH_TOKEN": again["RefreshToken"]})
    with aws_error("UserNotFoundException", "User does not exist."):
        cognito.admin_user_global_sign_out(UserPoolId=pool_id, Username="nobody")


def test_revoke_token(server, cognito):
    pool_id, client = make_pool(cognito)
    make_user(cognito, pool_id)
    tokens = sign_in(cognito, client["ClientId"])["AuthenticationResult"]
    other = sign_in(cognito, client["ClientId"])["AuthenticationResult"]
    cognito.revoke_token(Token=tokens["RefreshToken"], ClientId=client["ClientId"])
    with aws_error("NotAuthorizedException", "Refresh Token has been revoked"):
        cognito.initiate_auth(ClientId=client["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
                              AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]})
    with aws_error("NotAuthorizedException", "Access Token has been revoked"):
        cognito.global_sign_out(AccessToken=tokens["AccessToken"])
    # The other sign-in is untouched.
    cognito.initiate_auth(ClientId=client["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
                          AuthParameters={"REFRESH_TOKEN": other["RefreshToken"]})


def test_access_tokens_expire_with_the_clock(fresh_server):
    cognito = fresh_server.client()
    pool_id, client = make_pool(cognito)
    make_user(cognito, pool_id)
    tokens = sign_in(cognito, client["ClientId"])["AuthenticationResult"]
    advance(fresh_server, 3600)
    with aws_error("NotAuthorizedException", "Access Token has expired"):
        cognito.global_sign_out(AccessToken=tokens["AccessToken"])


def test_clients_with_a_secret_need_the_secret_hash(server, cognito):
    pool_id, client = make_pool(cognito, GenerateSecret=True)
    make_user(cognito, pool_id)
    client_id, secret = client["ClientId"], client["ClientSecret"]
    with aws_error("NotAuthorizedException", f"Client {client_id} is configured with secret but SECRET_HASH was not received"):
        sign_in(cognito, client_id)
    with aws_error("NotAuthorizedException", f"Unable to verify secret hash for client {client_id}"):
        sign_in(cognito, client_id, SECRET_HASH=secret_hash(secret, "bob", client_id))
    tokens = sign_in(cognito, client_id, SECRET_HASH=secret_hash(secret, "alice", client_id))["AuthenticationResult"]
    refreshed = cognito.initiate_auth(ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={
        "REFRESH_TOKEN": tokens["RefreshToken"], "SECRET_HASH": secret_hash(secret, "alice", client_id)})
    assert "AccessToken" in refreshed["AuthenticationResult"]
    with aws_error("NotAuthorizedException", f"SecretHash does not match for the client: {client_id}"):
        cognito.initiate_auth(ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={
            "REFRESH_TOKEN": tokens["RefreshToken"], "SECRET_HASH": secret_hash(secret, "bob", client_id)})


def test_tokens_stay_valid_across_a_restart(fresh_server):
    cognito = fresh_server.client()
    pool_id, client = make_pool(cognito)
    make_user(cognito, pool_id)
    tokens = sign_in(cognito, client["ClientId"])["AuthenticationResult"]
    before, old_url = jwks(fresh_server, pool_id), fresh_server.url
    fresh_server.restart()  # on a new port: the issuer of tokens made before names the old one
    cognito = fresh_server.client()
    assert jwks(fresh_server, pool_id) == before
    verify(fresh_server, pool_id, tokens["AccessToken"], issuer_url=old_url)
    refreshed = cognito.initiate_auth(ClientId=client["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
                                      AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]})
    verify(fresh_server, pool_id, refreshed["AuthenticationResult"]["AccessToken"])
