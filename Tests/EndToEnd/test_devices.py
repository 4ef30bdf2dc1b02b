"""Remembered devices end to end: pycognito's AWSSRP drives the whole cycle (TOTP sign-in, ConfirmDevice
with its own device verifier, DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER with no MFA challenge,
ForgetDevice, MFA again), and boto3 drives the same steps the way Amplify does (with the Session),
the device operations and their Admin variants, and the refusals."""
from __future__ import annotations

import base64
import json
import urllib.request

import pyotp
import pytest
import requests
from pycognito import aws_srp
from pycognito.aws_srp import AWSSRP, generate_hash_device, long_to_hex
from pycognito.exceptions import SoftwareTokenMFAChallengeException

from e2e import RECOVERY_ADMIN_ONLY, advance_clock, aws_error, unique_name

PASSWORD = "Corr3ct-Horse!"
FLOWS = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
NOT_FOUND = ("ResourceNotFoundException", "Device does not exist.")
INCORRECT = ("NotAuthorizedException", "Incorrect username or password.")


def claims(token):
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def advance(server, seconds):
    advance_clock(server, seconds)


def totp_code(server, secret):
    with urllib.request.urlopen(f"{server.url}/_mock/clock") as response:
        return pyotp.TOTP(secret).at(json.load(response)["now"])


@pytest.fixture
def redirect_pycognito(monkeypatch):
    """pycognito posts ConfirmDevice / UpdateDeviceStatus / ForgetDevice with `requests` to the real
    regional endpoint: send those posts to the test server instead."""
    target = {}
    real_post = requests.post

    def post(url, *args, **kwargs):
        assert url.startswith("https://cognito-idp.")
        return real_post(target["url"] + "/", *args, **kwargs)

    monkeypatch.setattr(aws_srp.requests, "post", post)
    return target


def setup(server, cognito, remember_on_prompt=False, challenge_on_new=True, mode="ON"):
    """A device-tracking pool whose user alice has TOTP set up and preferred, then MFA `mode`."""
    pool_id = cognito.create_user_pool(
        PoolName=unique_name("dev"), AccountRecoverySetting=RECOVERY_ADMIN_ONLY,
        DeviceConfiguration={"ChallengeRequiredOnNewDevice": challenge_on_new,
                             "DeviceOnlyRememberedOnUserPrompt": remember_on_prompt})["UserPool"]["Id"]
    client_id = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app",
                                                ExplicitAuthFlows=FLOWS)["UserPoolClient"]["ClientId"]
    cognito.admin_create_user(UserPoolId=pool_id, Username="alice", MessageAction="SUPPRESS",
                              TemporaryPassword="Temp0rary!pass")
    cognito.admin_set_user_password(UserPoolId=pool_id, Username="alice", Password=PASSWORD, Permanent=True)
    cognito.set_user_pool_mfa_config(UserPoolId=pool_id, MfaConfiguration="OPTIONAL",
                                     SoftwareTokenMfaConfiguration={"Enabled": True})
    tokens = password_sign_in(cognito, client_id)["AuthenticationResult"]
    secret = cognito.associate_software_token(AccessToken=tokens["AccessToken"])["SecretCode"]
    cognito.verify_software_token(AccessToken=tokens["AccessToken"], UserCode=totp_code(server, secret))
    cognito.set_user_mfa_preference(AccessToken=tokens["AccessToken"],
                                    SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})
    cognito.set_user_pool_mfa_config(UserPoolId=pool_id, MfaConfiguration=mode,
                                     SoftwareTokenMfaConfiguration={"Enabled": True})
    return pool_id, client_id, secret


def password_sign_in(cognito, client_id, **extra):
    return cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                 AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD, **extra})


def answer_totp(server, cognito, client_id, challenge, secret):
    assert challenge["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    advance(server, 30)  # a step the verification did not use
    return cognito.respond_to_auth_challenge(
        ClientId=client_id, ChallengeName="SOFTWARE_TOKEN_MFA", Session=challenge["Session"],
        ChallengeResponses={"USERNAME": "alice", "SOFTWARE_TOKEN_MFA_CODE": totp_code(server, secret)})


def srp(cognito, pool_id, client_id, device=None):
    device = device or {}
    return AWSSRP("alice", PASSWORD, pool_id, client_id, client=cognito, device_key=device.get("key"),
                  device_group_key=device.get("group"), device_password=device.get("password"))


def sign_in_with_totp(server, cognito, pool_id, client_id, secret):
    """pycognito's SRP sign-in, stopped by the TOTP challenge, answered: the tokens."""
    with pytest.raises(SoftwareTokenMFAChallengeException) as stopped:
        srp(cognito, pool_id, client_id).authenticate_user()
    return answer_totp(server, cognito, client_id, stopped.value.get_tokens(), secret)


# -- the whole cycle through pycognito ----------------------------------------------------------------
def test_pycognito_remembered_device_replaces_totp_until_forgotten(fresh_server, redirect_pycognito):
    server, cognito = fresh_server, fresh_server.client()
    redirect_pycognito["url"] = server.url
    pool_id, client_id, secret = setup(server, cognito)

    tokens = sign_in_with_totp(server, cognito, pool_id, client_id, secret)
    metadata = tokens["AuthenticationResult"]["NewDeviceMetadata"]
    assert metadata["DeviceKey"].startswith("us-east-1_") and len(metadata["DeviceKey"]) <= 55
    assert claims(tokens["AuthenticationResult"]["AccessToken"])["device_key"] == metadata["DeviceKey"]

    confirmer = srp(cognito, pool_id, client_id)
    response, device_password = confirmer.confirm_device(tokens, device_name="laptop")
    assert response.status_code == 200 and response.json() == {"UserConfirmationNecessary": False}
    device = {"key": metadata["DeviceKey"], "group": metadata["DeviceGroupKey"], "password": device_password}

    listed = cognito.list_devices(AccessToken=tokens["AuthenticationResult"]["AccessToken"])["Devices"]
    assert [d["DeviceKey"] for d in listed] == [device["key"]]
    attributes = {a["Name"]: a["Value"] for a in listed[0]["DeviceAttributes"]}
    assert attributes["device_name"] == "laptop" and attributes["dev:device_remembered_status"] == "remembered"
    assert attributes["device_status"] == "valid"

    # Remembered: password, then device SRP, then tokens — no TOTP challenge.
    signed_in = srp(cognito, pool_id, client_id, device).authenticate_user()
    result = signed_in["AuthenticationResult"]
    assert "NewDeviceMetadata" not in result
    assert claims(result["AccessToken"])["device_key"] == device["key"]
    got = cognito.get_device(AccessToken=result["AccessToken"], DeviceKey=device["key"])["Device"]
    assert "DeviceLastAuthenticatedDate" in got

    # A wrong device password is a wrong claim.
    with aws_error(*INCORRECT):
        srp(cognito, pool_id, client_id, {**device, "password": "not-the-device-password"}).authenticate_user()

    confirmer.forget_device(result["AccessToken"], device["key"])
    assert cognito.list_devices(AccessToken=result["AccessToken"])["Devices"] == []
    # The forgotten key: AWS's answer, on which clients sign in again without it, and meet MFA again.
    with aws_error(*NOT_FOUND):
        srp(cognito, pool_id, client_id, device).authenticate_user()
    again = sign_in_with_totp(server, cognito, pool_id, client_id, secret)
    assert again["AuthenticationResult"]["NewDeviceMetadata"]["DeviceKey"] != device["key"]


def test_device_remembered_only_on_prompt_still_meets_mfa(fresh_server, redirect_pycognito):
    server, cognito = fresh_server, fresh_server.client()
    redirect_pycognito["url"] = server.url
    pool_id, client_id, secret = setup(server, cognito, remember_on_prompt=True)
    tokens = sign_in_with_totp(server, cognito, pool_id, client_id, secret)
    metadata = tokens["AuthenticationResult"]["NewDeviceMetadata"]
    response, device_password = srp(cognito, pool_id, client_id).confirm_device(tokens)
    assert response.json() == {"UserConfirmationNecessary": True}
    device = {"key": metadata["DeviceKey"], "group": metadata["DeviceGroupKey"], "password": device_password}
    access = tokens["AuthenticationResult"]["AccessToken"]
    got = cognito.get_device(AccessToken=access, DeviceKey=device["key"])["Device"]
    assert {"Name": "dev:device_remembered_status", "Value": "not_remembered"} in got["DeviceAttributes"]

    # Confirmed, not remembered: device SRP, then the TOTP challenge, whose tokens carry the device.
    after_device = srp(cognito, pool_id, client_id, device).authenticate_user()
    result = answer_totp(server, cognito, client_id, after_device, secret)["AuthenticationResult"]
    assert claims(result["AccessToken"])["device_key"] == device["key"] and "NewDeviceMetadata" not in result

    cognito.update_device_status(AccessToken=access, DeviceKey=device["key"], DeviceRememberedStatus="remembered")
    assert "AuthenticationResult" in srp(cognito, pool_id, client_id, device).authenticate_user()
    cognito.admin_update_device_status(UserPoolId=pool_id, Username="alice", DeviceKey=device["key"],
                                       DeviceRememberedStatus="not_remembered")
    assert srp(cognito, pool_id, client_id, device).authenticate_user()["ChallengeName"] == "SOFTWARE_TOKEN_MFA"


def test_without_challenge_required_on_new_device_a_remembered_device_still_meets_mfa(fresh_server, redirect_pycognito):
    server, cognito = fresh_server, fresh_server.client()
    redirect_pycognito["url"] = server.url
    pool_id, client_id, secret = setup(server, cognito, challenge_on_new=False)
    tokens = sign_in_with_totp(server, cognito, pool_id, client_id, secret)
    metadata = tokens["AuthenticationResult"]["NewDeviceMetadata"]
    _, device_password = srp(cognito, pool_id, client_id).confirm_device(tokens)
    device = {"key": metadata["DeviceKey"], "group": metadata["DeviceGroupKey"], "password": device_password}
    assert srp(cognito, pool_id, client_id, device).authenticate_user()["ChallengeName"] == "SOFTWARE_TOKEN_MFA"


# -- the Amplify way: boto3 with the Session, USER_PASSWORD_AUTH with DEVICE_KEY ---------------------
def confirmed_device(server, cognito, pool_id, client_id, secret):
    tokens = sign_in_with_totp(server, cognito, pool_id, client_id, secret)["AuthenticationResult"]
    metadata = tokens["NewDeviceMetadata"]
    device_password, verifier_config = generate_hash_device(metadata["DeviceGroupKey"], metadata["DeviceKey"])
    confirmed = cognito.confirm_device(AccessToken=tokens["AccessToken"], DeviceKey=metadata["DeviceKey"],
                                       DeviceSecretVerifierConfig=verifier_config, DeviceName="phone")
    assert confirmed["UserConfirmationNecessary"] is False
    return tokens, {"key": metadata["DeviceKey"], "group": metadata["DeviceGroupKey"], "password": device_password}


def test_password_sign_in_with_a_device_and_sessions(fresh_server):
    server, cognito = fresh_server, fresh_server.client()
    pool_id, client_id, secret = setup(server, cognito)
    tokens, device = confirmed_device(server, cognito, pool_id, client_id, secret)

    challenge = password_sign_in(cognito, client_id, DEVICE_KEY=device["key"])
    assert challenge["ChallengeName"] == "DEVICE_SRP_AUTH"
    assert challenge["ChallengeParameters"] == {"USERNAME": "alice", "DEVICE_KEY": device["key"]}
    helper = srp(cognito, pool_id, client_id, device)
    verifier = cognito.respond_to_auth_challenge(
        ClientId=client_id, ChallengeName="DEVICE_SRP_AUTH", Session=challenge["Session"],
        ChallengeResponses={"USERNAME": "alice", "DEVICE_KEY": device["key"], "SRP_A": long_to_hex(helper.large_a_value)})
    assert verifier["ChallengeName"] == "DEVICE_PASSWORD_VERIFIER"
    assert set(verifier["ChallengeParameters"]) == {"USERNAME", "DEVICE_KEY", "SALT", "SRP_B", "SECRET_BLOCK"}
    # The DEVICE_SRP_AUTH session is used up.
    with aws_error("NotAuthorizedException", "Invalid session for the user, session can only be used once."):
        cognito.respond_to_auth_challenge(
            ClientId=client_id, ChallengeName="DEVICE_SRP_AUTH", Session=challenge["Session"],
            ChallengeResponses={"USERNAME": "alice", "DEVICE_KEY": device["key"], "SRP_A": long_to_hex(helper.large_a_value)})
    claim = helper.process_device_challenge(verifier["ChallengeParameters"])
    result = cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName="DEVICE_PASSWORD_VERIFIER",
                                               Session=verifier["Session"], ChallengeResponses=claim)
    access = result["AuthenticationResult"]["AccessToken"]
    assert claims(access)["device_key"] == device["key"]
    # The refreshed access token keeps the device.
    refreshed = cognito.initiate_auth(ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                                      AuthParameters={"REFRESH_TOKEN": result["AuthenticationResult"]["RefreshToken"],
                                                      "DEVICE_KEY": device["key"]})
    assert claims(refreshed["AuthenticationResult"]["AccessToken"])["device_key"] == device["key"]
    # The SECRET_BLOCK is used up too.
    with aws_error("NotAuthorizedException", "Invalid session for the user, session can only be used once."):
        cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName="DEVICE_PASSWORD_VERIFIER",
                                          ChallengeResponses=claim)


def test_device_srp_needs_a_proven_password(fresh_server):
    """Device SRP stands in for the second factor only: without a password proven first there is no
    DEVICE_SRP_AUTH session to answer, with or without a Session parameter."""
    server, cognito = fresh_server, fresh_server.client()
    pool_id, client_id, secret = setup(server, cognito)
    _, device = confirmed_device(server, cognito, pool_id, client_id, secret)
    helper = srp(cognito, pool_id, client_id, device)
    answer = {"USERNAME": "alice", "DEVICE_KEY": device["key"], "SRP_A": long_to_hex(helper.large_a_value)}
    with aws_error("InvalidParameterException", "Missing required parameter Session"):
        cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName="DEVICE_SRP_AUTH", ChallengeResponses=answer)
    with aws_error("NotAuthorizedException", "Invalid session for the user."):
        cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName="DEVICE_SRP_AUTH",
                                          Session="AYABe" + "x" * 100, ChallengeResponses=answer)
    # A session of another challenge (the TOTP one) does not answer DEVICE_SRP_AUTH.
    totp_challenge = password_sign_in(cognito, client_id)
    with aws_error("NotAuthorizedException", "Invalid session for the user."):
        cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName="DEVICE_SRP_AUTH",
                                          Session=totp_challenge["Session"], ChallengeResponses=answer)


def test_wrong_device_claims_count_toward_the_lockout(fresh_server):
    server, cognito = fresh_server, fresh_server.client()
    pool_id, client_id, secret = setup(server, cognito)
    _, device = confirmed_device(server, cognito, pool_id, client_id, secret)
    wrong = {**device, "password": "wrong"}
    for _ in range(5):
        with aws_error(*INCORRECT):
            srp(cognito, pool_id, client_id, wrong).authenticate_user()
    with aws_error("NotAuthorizedException", "Password attempts exceeded"):
        srp(cognito, pool_id, client_id, device).authenticate_user()
