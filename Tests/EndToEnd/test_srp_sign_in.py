"""USER_SRP_AUTH end to end through two independent SRP client implementations from PyPI:
pycognito (`Cognito.authenticate`, and its `AWSSRP` for hand-driven exchanges) and warrant-lite
(`WarrantLite.authenticate_user`). Right and wrong passwords, username / email pools, clients with a
secret, AdminInitiateAuth, NEW_PASSWORD_REQUIRED, SMS and TOTP MFA after the SRP step (pyotp as the
authenticator app), the lockout, and the server's refusals (spec section 10; texts and their evidence
are in `Sources/CognitoIdentityProvider/Auth/AuthErrors.swift` and `Auth/PasswordVerifier.swift`)."""
from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import json
import urllib.request

import pyotp
import pytest
from pycognito import Cognito
from pycognito.aws_srp import AWSSRP
from pycognito.exceptions import ForceChangePasswordException, SMSMFAChallengeException, SoftwareTokenMFAChallengeException
from warrant_lite import WarrantLite

from e2e import SMS_CONFIGURATION, RECOVERY_ADMIN_ONLY, aws_error, unique_name

PASSWORD = "Corr3ct-Horse!"
WRONG = "Wr0ng!password"
FLOWS = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
PHONE = "+15555550008"
INCORRECT = ("NotAuthorizedException", "Incorrect username or password.")


def make_pool(cognito, secret=False, flows=FLOWS, **pool_args):
    pool_id = cognito.create_user_pool(PoolName=unique_name("srp"), **pool_args)["UserPool"]["Id"]
    client = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=flows,
                                             GenerateSecret=secret)["UserPoolClient"]
    return pool_id, client


def make_user(cognito, pool_id, username="alice", permanent=True, **attributes):
    created = cognito.admin_create_user(
        UserPoolId=pool_id, Username=username, TemporaryPassword="Temp0rary!pass", MessageAction="SUPPRESS",
        UserAttributes=[{"Name": k, "Value": v} for k, v in attributes.items()])["User"]
    if permanent:
        cognito.admin_set_user_password(UserPoolId=pool_id, Username=created["Username"], Password=PASSWORD,
                                        Permanent=True)
    return created["Username"]


def pycognito_user(server, pool_id, client, username="alice"):
    return Cognito(pool_id, client["ClientId"], username=username, client_secret=client.get("ClientSecret"),
                   boto3_client_kwargs={"endpoint_url": server.url, "region_name": "us-east-1",
                                        "aws_access_key_id": "testing", "aws_secret_access_key": "testing"})


def warrant(cognito, pool_id, client, username="alice", password=PASSWORD):
    return WarrantLite(username, password, pool_id, client["ClientId"], client=cognito,
                       client_secret=client.get("ClientSecret"))


def claims(token):
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


# -- pycognito -------------------------------------------------------------------------------------
def test_pycognito_signs_in_and_verifies_the_tokens(server, cognito):
    pool_id, client = make_pool(cognito)
    make_user(cognito, pool_id, email="alice@example.com")
    user = pycognito_user(server, pool_id, client)
    user.authenticate(PASSWORD)  # pycognito checks signature, issuer (endpoint/poolId) and audience itself
    assert claims(user.access_token)["username"] == "alice"
    assert claims(user.id_token)["email"] == "alice@example.com"
    assert user.refresh_token
    assert user.get_user().username == "alice"  # the access token works for GetUser


def test_pycognito_with_a_wrong_password(server, cognito):
    pool_id, client = make_pool(cognito)
    make_user(cognito, pool_id)
    with aws_error(*INCORRECT):
        pycognito_user(server, pool_id, client).authenticate(WRONG)


def test_pycognito_with_a_client_secret(server, cognito):
    pool_id, client = make_pool(cognito, secret=True)
    make_user(cognito, pool_id)
    user = pycognito_user(server, pool_id, client)
    user.authenticate(PASSWORD)
    assert claims(user.access_token)["client_id"] == client["ClientId"]
    with aws_error(*INCORRECT):
        pycognito_user(server, pool_id, client).authenticate(WRONG)


def test_pycognito_in_an_email_as_username_pool(server, cognito):
    pool_id, client = make_pool(cognito, secret=True, UsernameAttributes=["email"])
    sub = make_user(cognito, pool_id, "erin@example.com", email="erin@example.com")
    user = pycognito_user(server, pool_id, client, username="erin@example.com")
    user.authenticate(PASSWORD)
    assert claims(user.access_token)["username"] == sub and claims(user.id_token)["email"] == "erin@example.com"


def test_pycognito_new_password_required(server, cognito):
    pool_id, client = make_pool(cognito)
    make_user(cognito, pool_id, permanent=False)
    with pytest.raises(ForceChangePasswordException):
        pycognito_user(server, pool_id, client).authenticate("Temp0rary!pass")
    user = pycognito_user(server, pool_id, client)
    user.new_password_challenge("Temp0rary!pass", "N3w-Passw0rd!")  # SRP again, then NEW_PASSWORD_REQUIRED
    assert claims(user.access_token)["username"] == "alice"
    assert cognito.admin_get_user(UserPoolId=pool_id, Username="alice")["UserStatus"] == "CONFIRMED"
    pycognito_user(server, pool_id, client).authenticate("N3w-Passw0rd!")


# -- warrant-lite ----------------------------------------------------------------------------------
def test_warrant_lite_signs_in(server, cognito):
    pool_id, client = make_pool(cognito)
    make_user(cognito, pool_id)
    result = warrant(cognito, pool_id, client).authenticate_user()["AuthenticationResult"]
    assert claims(result["AccessToken"])["username"] == "alice" and result["TokenType"] == "Bearer"
    with aws_error(*INCORRECT):
        warrant(cognito, pool_id, client, password=WRONG).authenticate_user()


def test_warrant_lite_with_a_client_secret_in_an_email_as_username_pool(server, cognito):
    # warrant-lite answers with the typed email as USERNAME and SECRET_HASH over it.
    pool_id, client = make_pool(cognito, secret=True, UsernameAttributes=["email"])
    sub = make_user(cognito, pool_id, "fay@example.com", email="fay@example.com")
    result = warrant(cognito, pool_id, client, username="fay@example.com").authenticate_user()
    assert claims(result["AuthenticationResult"]["IdToken"])["sub"] == sub
    with aws_error(*INCORRECT):
        warrant(cognito, pool_id, client, username="fay@example.com", password=WRONG).authenticate_user()


def test_warrant_lite_then_sms_mfa(server, cognito):
    pool_id = cognito.create_user_pool(PoolName=unique_name("srp-mfa"), SmsConfiguration=SMS_CONFIGURATION,
                                       AccountRecoverySetting=RECOVERY_ADMIN_ONLY)["UserPool"]["Id"]
    client = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app",
                                             ExplicitAuthFlows=FLOWS)["UserPoolClient"]
    make_user(cognito, pool_id, phone_number=PHONE)
    cognito.set_user_pool_mfa_config(UserPoolId=pool_id, MfaConfiguration="ON", SmsMfaConfiguration={
        "SmsAuthenticationMessage": "Code: {####}", "SmsConfiguration": SMS_CONFIGURATION})
    challenge = warrant(cognito, pool_id, client).authenticate_user()
    assert challenge["ChallengeName"] == "SMS_MFA"
    assert challenge["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"] == "+*******0008"
    with urllib.request.urlopen(f"{server.url}/_mock/messages?userPoolId={pool_id}&username=alice") as response:
        code = json.load(response)[-1]["code"]
    result = cognito.respond_to_auth_challenge(ClientId=client["ClientId"], ChallengeName="SMS_MFA",
                                               Session=challenge["Session"],
                                               ChallengeResponses={"USERNAME": "alice", "SMS_MFA_CODE": code})
    assert claims(result["AuthenticationResult"]["AccessToken"])["username"] == "alice"


# -- TOTP after SRP --------------------------------------------------------------------------------
def server_now(server):
    with urllib.request.urlopen(f"{server.url}/_mock/clock") as response:
        return json.load(response)["now"]


def advance(server, seconds):
    request = urllib.request.Request(f"{server.url}/_mock/clock", data=json.dumps({"advanceSeconds": seconds}).encode(),
                                     method="POST", headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request).close()


def test_pycognito_then_totp_mfa(fresh_server):
    server = fresh_server
    cognito = server.client()
    pool_id = cognito.create_user_pool(PoolName=unique_name("srp-totp"), AccountRecoverySetting=RECOVERY_ADMIN_ONLY,
                                       SmsConfiguration=SMS_CONFIGURATION)["UserPool"]["Id"]
    client = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app",
                                             ExplicitAuthFlows=FLOWS)["UserPoolClient"]
    make_user(cognito, pool_id)
    cognito.set_user_pool_mfa_config(UserPoolId=pool_id, MfaConfiguration="OPTIONAL",
                                     SoftwareTokenMfaConfiguration={"Enabled": True})
    user = pycognito_user(server, pool_id, client)
    user.authenticate(PASSWORD)  # no factor enabled yet: tokens
    secret = cognito.associate_software_token(AccessToken=user.access_token)["SecretCode"]
    cognito.verify_software_token(AccessToken=user.access_token, UserCode=pyotp.TOTP(secret).at(server_now(server)),
                                  FriendlyDeviceName="phone")
    cognito.set_user_mfa_preference(AccessToken=user.access_token,
                                    SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})

    again = pycognito_user(server, pool_id, client)
    with pytest.raises(SoftwareTokenMFAChallengeException) as raised:
        again.authenticate(PASSWORD)
    challenge = raised.value.get_tokens()
    assert challenge["ChallengeParameters"] == {"FRIENDLY_DEVICE_NAME": "phone", "USER_ID_FOR_SRP": "alice"}
    advance(server, 30)  # the code of the verification step cannot be used again
    again.respond_to_software_token_mfa_challenge(pyotp.TOTP(secret).at(server_now(server)))
    assert claims(again.access_token)["username"] == "alice"

    # A wrong password still stops at the SRP step, before any MFA challenge.
    with aws_error(*INCORRECT):
        pycognito_user(server, pool_id, client).authenticate(WRONG)


# -- the lockout and the server's refusals -------------------------------------------------------
def test_wrong_srp_proofs_count_toward_the_lockout(server, cognito):
    pool_id, client = make_pool(cognito)
    make_user(cognito, pool_id)
    for _ in range(5):
        with aws_error(*INCORRECT):
            pycognito_user(server, pool_id, client).authenticate(WRONG)
    with aws_error("NotAuthorizedException", "Password attempts exceeded"):
        warrant(cognito, pool_id, client).authenticate_user()


def start(cognito, pool_id, client, admin=False, username="alice", password=PASSWORD):
    """Runs pycognito's AWSSRP by hand up to the PASSWORD_VERIFIER challenge."""
    srp = AWSSRP(username=username, password=password, pool_id=pool_id, client_id=client["ClientId"], client=cognito,
                 client_secret=client.get("ClientSecret"))
    parameters = srp.get_auth_params()
    if admin:
        challenge = cognito.admin_initiate_auth(UserPoolId=pool_id, ClientId=client["ClientId"],
                                                AuthFlow="USER_SRP_AUTH", AuthParameters=parameters)
    else:
        challenge = cognito.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_SRP_AUTH",
                                          AuthParameters=parameters)
    return srp, parameters, challenge


def signed_at(srp, challenge, when):
    """pycognito's key and signature, but for the timestamp `when` (a datetime in UTC)."""
    parameters = challenge["ChallengeParameters"]
    timestamp = AWSSRP.get_cognito_formatted_timestamp(when)
    key = srp.get_password_authentication_key(parameters["USER_ID_FOR_SRP"], PASSWORD, int(parameters["SRP_B"], 16),
                                              parameters["SALT"])
    message = (srp.pool_id.split("_")[1] + parameters["USER_ID_FOR_SRP"]).encode() \
        + base64.standard_b64decode(parameters["SECRET_BLOCK"]) + timestamp.encode()
    return {"USERNAME": parameters["USERNAME"], "TIMESTAMP": timestamp,
            "PASSWORD_CLAIM_SECRET_BLOCK": parameters["SECRET_BLOCK"],
            "PASSWORD_CLAIM_SIGNATURE": base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()}


def test_the_challenge_and_a_secret_block_used_once(server, cognito):
    pool_id, client = make_pool(cognito)
    make_user(cognito, pool_id)
    srp, parameters, challenge = start(cognito, pool_id, client)
    assert challenge["ChallengeName"] == "PASSWORD_VERIFIER" and "Session" not in challenge
    assert set(challenge["ChallengeParameters"]) == {"SALT", "SRP_B", "SECRET_BLOCK", "USERNAME", "USER_ID_FOR_SRP"}
    answer = srp.process_challenge(challenge["ChallengeParameters"], parameters)
    result = cognito.respond_to_auth_challenge(ClientId=client["ClientId"], ChallengeName="PASSWORD_VERIFIER",
                                               ChallengeResponses=answer)
    assert "AccessToken" in result["AuthenticationResult"]
    with aws_error("NotAuthorizedException", "Invalid session for the user, session can only be used once."):
        cognito.respond_to_auth_challenge(ClientId=client["ClientId"], ChallengeName="PASSWORD_VERIFIER",
                                          ChallengeResponses=answer)


def test_admin_initiate_auth_with_srp(server, cognito):
    pool_id, client = make_pool(cognito, secret=True)
    make_user(cognito, pool_id)
    srp, parameters, challenge = start(cognito, pool_id, client, admin=True)
    answer = srp.process_challenge(challenge["ChallengeParameters"], parameters)
    result = cognito.admin_respond_to_auth_challenge(UserPoolId=pool_id, ClientId=client["ClientId"],
                                                     ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=answer)
    assert claims(result["AuthenticationResult"]["IdToken"])["cognito:username"] == "alice"


def test_timestamps_far_from_the_clock_and_forged_secret_blocks(server, cognito):
    pool_id, client = make_pool(cognito)
    make_user(cognito, pool_id)
    now = datetime.datetime.now(datetime.timezone.utc)
    # The server accepts TIMESTAMP within 5 minutes of its clock, either way (a choice: AWS's window is not documented).
    for skew in (-6, 6):
        srp, _, challenge = start(cognito, pool_id, client)
        with aws_error(*INCORRECT):
            cognito.respond_to_auth_challenge(ClientId=client["ClientId"], ChallengeName="PASSWORD_VERIFIER",
                                              ChallengeResponses=signed_at(srp, challenge, now + datetime.timedelta(minutes=skew)))
    srp, _, challenge = start(cognito, pool_id, client)
    forged = dict(challenge, ChallengeParameters=dict(challenge["ChallengeParameters"],
                                                       SECRET_BLOCK=base64.b64encode(b"not one of ours").decode()))
    with aws_error(*INCORRECT):
        cognito.respond_to_auth_challenge(ClientId=client["ClientId"], ChallengeName="PASSWORD_VERIFIER",
                                          ChallengeResponses=signed_at(srp, forged, now))
    result = cognito.respond_to_auth_challenge(ClientId=client["ClientId"], ChallengeName="PASSWORD_VERIFIER",
                                               ChallengeResponses=signed_at(srp, challenge, now - datetime.timedelta(minutes=4)))
    assert "AccessToken" in result["AuthenticationResult"]


def test_invalid_srp_a_and_the_flow_gate(server, cognito):
    pool_id, client = make_pool(cognito)
    make_user(cognito, pool_id)
    n_hex = AWSSRP(username="alice", password=PASSWORD, pool_id=pool_id, client_id=client["ClientId"],
                   client=cognito).big_n
    for srp_a in ("0", format(n_hex, "x"), format(2 * n_hex, "x")):
        with aws_error("InvalidParameterException", "Invalid SRP_A"):
            cognito.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_SRP_AUTH",
                                  AuthParameters={"USERNAME": "alice", "SRP_A": srp_a})
    with aws_error("InvalidParameterException", "Missing required parameter SRP_A"):
        cognito.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_SRP_AUTH", AuthParameters={"USERNAME": "alice"})
    other_pool, password_only = make_pool(cognito, flows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    make_user(cognito, other_pool)
    with aws_error("InvalidParameterException", "USER_SRP_AUTH is not enabled for the client."):
        pycognito_user(server, other_pool, password_only).authenticate(PASSWORD)
