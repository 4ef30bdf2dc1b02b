"""Attacks on sign-in, each written as the attacker would run it through boto3 (and pycognito for SRP):
guessing MFA codes across fresh sign-ins, answering challenges after the admin disabled, deleted or
re-created the user or changed the password, and using a deleted app client's tokens. Each test
failed on the server before the fix it names in its docstring."""
from __future__ import annotations

import json
import urllib.request

import pyotp
import pytest
from pycognito.aws_srp import AWSSRP

from e2e import SMS_CONFIGURATION, DEVELOPER_EMAIL_CONFIGURATION, RECOVERY_ADMIN_ONLY, aws_error, unique_name

PASSWORD = "Corr3ct-Horse!"
TEMPORARY = "Temp0rary!pass"
PHONE = "+15555550008"
FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
LOCKED = ("NotAuthorizedException", "Password attempts exceeded")
DISABLED = ("NotAuthorizedException", "User is disabled.")
INVALID_SESSION = ("NotAuthorizedException", "Invalid session for the user.")


# -- helpers -------------------------------------------------------------------------------------
def make_pool(cognito, mode=None, sms=False, email=False, totp=False):
    pool_id = cognito.create_user_pool(
        PoolName=unique_name("sec"), EmailConfiguration=DEVELOPER_EMAIL_CONFIGURATION,
        AccountRecoverySetting=RECOVERY_ADMIN_ONLY, SmsConfiguration=SMS_CONFIGURATION)["UserPool"]["Id"]
    client_id = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app",
                                                ExplicitAuthFlows=FLOWS)["UserPoolClient"]["ClientId"]
    if mode:
        request = {"UserPoolId": pool_id, "MfaConfiguration": mode}
        if sms:
            request["SmsMfaConfiguration"] = {"SmsAuthenticationMessage": "Code: {####}", "SmsConfiguration": SMS_CONFIGURATION}
        if email:
            request["EmailMfaConfiguration"] = {"Message": "Your code is {####}", "Subject": "Sign-in"}
        if totp:
            request["SoftwareTokenMfaConfiguration"] = {"Enabled": True}
        cognito.set_user_pool_mfa_config(**request)
    return pool_id, client_id


def make_user(cognito, pool_id, permanent=True, username="alice", **attributes):
    cognito.admin_create_user(UserPoolId=pool_id, Username=username, MessageAction="SUPPRESS", TemporaryPassword=TEMPORARY,
                              UserAttributes=[{"Name": k, "Value": v} for k, v in attributes.items()])
    if permanent:
        cognito.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=PASSWORD, Permanent=True)


def sign_in(cognito, client_id, password=PASSWORD):
    return cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                 AuthParameters={"USERNAME": "alice", "PASSWORD": password})


def respond(cognito, client_id, challenge, **responses):
    return cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName=challenge["ChallengeName"],
                                             Session=challenge["Session"],
                                             ChallengeResponses={"USERNAME": "alice", **responses})


def control(server, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{server.url}{path}", data=data, method="GET" if body is None else "POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def advance(server, seconds):
    control(server, "/_mock/clock", {"advanceSeconds": seconds})


def last_code(server, pool_id):
    return control(server, f"/_mock/messages?userPoolId={pool_id}&username=alice")[-1]["code"]


def wrong_code(code):
    return f"{(int(code) + 1) % 1_000_000:06d}"


def totp_user(server, cognito, pool_id, client_id):
    """Gives alice a verified, enabled and preferred authenticator (the pool OPTIONAL meanwhile), then
    turns the pool ON; returns the secret."""
    cognito.set_user_pool_mfa_config(UserPoolId=pool_id, MfaConfiguration="OPTIONAL",
                                     SoftwareTokenMfaConfiguration={"Enabled": True})
    tokens = sign_in(cognito, client_id)["AuthenticationResult"]
    secret = cognito.associate_software_token(AccessToken=tokens["AccessToken"])["SecretCode"]
    now = control(server, "/_mock/clock")["now"]
    cognito.verify_software_token(AccessToken=tokens["AccessToken"], UserCode=pyotp.TOTP(secret).at(now))
    cognito.set_user_mfa_preference(AccessToken=tokens["AccessToken"],
                                    SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})
    cognito.set_user_pool_mfa_config(UserPoolId=pool_id, MfaConfiguration="ON",
                                     SoftwareTokenMfaConfiguration={"Enabled": True})
    return secret


# -- 1. bounded code guessing ----------------------------------------------------------------------
def test_fresh_sign_ins_do_not_reset_the_code_failure_count(fresh_server):
    """Four wrong SMS codes, a new sign-in with the right password, four more: the fifth failure in a row
    locks, whatever session it came through (a proven password used to reset the count)."""
    cognito = fresh_server.client()
    pool_id, client_id = make_pool(cognito, "ON", sms=True)
    make_user(cognito, pool_id, phone_number=PHONE)
    first = sign_in(cognito, client_id)
    for _ in range(4):
        with aws_error("CodeMismatchException", "Invalid code or auth state for the user."):
            respond(cognito, client_id, first, SMS_MFA_CODE=wrong_code(last_code(fresh_server, pool_id)))
    second = sign_in(cognito, client_id)  # the password is right: still allowed before the fifth failure
    with aws_error("CodeMismatchException", "Invalid code or auth state for the user."):
        respond(cognito, client_id, second, SMS_MFA_CODE=wrong_code(last_code(fresh_server, pool_id)))
    with aws_error(*LOCKED):
        sign_in(cognito, client_id)
    with aws_error(*LOCKED):
        respond(cognito, client_id, second, SMS_MFA_CODE=last_code(fresh_server, pool_id))


def test_totp_guessing_is_bounded_to_fourteen_in_fifteen_minutes(fresh_server):
    """An attacker with the password guesses TOTP codes as fast as the lockout allows, starting a new
    sign-in whenever one is needed, for 15 minutes of server time: exactly 14 wrong codes get through
    (5 at once, then one after each lock of 1, 2, 4, ... 256 s), the README's figure."""
    cognito = fresh_server.client()
    pool_id, client_id = make_pool(cognito, "ON", totp=True)
    make_user(cognito, pool_id)
    secret = totp_user(fresh_server, cognito, pool_id, client_id)
    start = control(fresh_server, "/_mock/clock")["now"]
    guesses, lock, challenge = 0, 1, None
    while control(fresh_server, "/_mock/clock")["now"] - start < 900:
        now = control(fresh_server, "/_mock/clock")["now"]
        try:
            challenge = challenge or sign_in(cognito, client_id)
            respond(cognito, client_id, challenge, SOFTWARE_TOKEN_MFA_CODE=wrong_code(pyotp.TOTP(secret).at(now)))
        except cognito.exceptions.CodeMismatchException:
            guesses += 1
        except cognito.exceptions.NotAuthorizedException as error:
            message = error.response["Error"]["Message"]
            if message == "Invalid session for the user, session is expired.":
                challenge = None  # sessions last 3 minutes: the attacker signs in again
            else:
                assert message == "Password attempts exceeded"
                advance(fresh_server, lock)
                lock *= 2
    assert guesses == 14


def test_only_tokens_reset_the_count(fresh_server):
    """Four wrong codes, then a completed sign-in: the count starts again from zero."""
    cognito = fresh_server.client()
    pool_id, client_id = make_pool(cognito, "ON", sms=True)
    make_user(cognito, pool_id, phone_number=PHONE)
    challenge = sign_in(cognito, client_id)
    for _ in range(4):
        with aws_error("CodeMismatchException", "Invalid code or auth state for the user."):
            respond(cognito, client_id, challenge, SMS_MFA_CODE=wrong_code(last_code(fresh_server, pool_id)))
    assert "AccessToken" in respond(cognito, client_id, challenge, SMS_MFA_CODE=last_code(fresh_server, pool_id))["AuthenticationResult"]
    challenge = sign_in(cognito, client_id)
    for _ in range(4):
        with aws_error("CodeMismatchException", "Invalid code or auth state for the user."):
            respond(cognito, client_id, challenge, SMS_MFA_CODE=wrong_code(last_code(fresh_server, pool_id)))
    assert "AccessToken" in respond(cognito, client_id, challenge, SMS_MFA_CODE=last_code(fresh_server, pool_id))["AuthenticationResult"]


def test_fifteen_quiet_minutes_reset_the_count(fresh_server):
    cognito = fresh_server.client()
    pool_id, client_id = make_pool(cognito)
    make_user(cognito, pool_id)
    for _ in range(4):
        with aws_error("NotAuthorizedException", "Incorrect username or password."):
            sign_in(cognito, client_id, password="Wr0ng!password")
    advance(fresh_server, 15 * 60)
    for _ in range(4):  # would lock on the first of these without the reset
        with aws_error("NotAuthorizedException", "Incorrect username or password."):
            sign_in(cognito, client_id, password="Wr0ng!password")
    assert "AuthenticationResult" in sign_in(cognito, client_id)


def test_srp_sign_ins_do_not_reset_the_count(fresh_server):
    """The same attack through USER_SRP_AUTH (pycognito's SRP client proves the password each time)."""
    cognito = fresh_server.client()
    pool_id, client_id = make_pool(cognito, "ON", sms=True)
    make_user(cognito, pool_id, phone_number=PHONE)
    srp = AWSSRP(username="alice", password=PASSWORD, pool_id=pool_id, client_id=client_id, client=cognito)
    for _ in range(5):
        start = cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_SRP_AUTH", AuthParameters=srp.get_auth_params())
        challenge = cognito.respond_to_auth_challenge(
            ClientId=client_id, ChallengeName="PASSWORD_VERIFIER",
            ChallengeResponses=srp.process_challenge(start["ChallengeParameters"], srp.get_auth_params()))
        assert challenge["ChallengeName"] == "SMS_MFA"
        with aws_error("CodeMismatchException", "Invalid code or auth state for the user."):
            respond(cognito, client_id, challenge, SMS_MFA_CODE=wrong_code(last_code(fresh_server, pool_id)))
    start = cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_SRP_AUTH", AuthParameters=srp.get_auth_params())
    with aws_error(*LOCKED):
        cognito.respond_to_auth_challenge(
            ClientId=client_id, ChallengeName="PASSWORD_VERIFIER",
            ChallengeResponses=srp.process_challenge(start["ChallengeParameters"], srp.get_auth_params()))


def test_admin_flow_shares_the_count(fresh_server):
    cognito = fresh_server.client()
    pool_id, client_id = make_pool(cognito, "ON", sms=True)
    make_user(cognito, pool_id, phone_number=PHONE)
    for _ in range(5):
        challenge = cognito.admin_initiate_auth(UserPoolId=pool_id, ClientId=client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                                AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD})
        with aws_error("CodeMismatchException", "Invalid code or auth state for the user."):
            cognito.admin_respond_to_auth_challenge(
                UserPoolId=pool_id, ClientId=client_id, ChallengeName="SMS_MFA", Session=challenge["Session"],
                ChallengeResponses={"USERNAME": "alice", "SMS_MFA_CODE": wrong_code(last_code(fresh_server, pool_id))})
    with aws_error(*LOCKED):
        cognito.admin_initiate_auth(UserPoolId=pool_id, ClientId=client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                    AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD})


# -- 2. the user is re-read at every step ----------------------------------------------------------
def disable(cognito, pool_id):
    cognito.admin_disable_user(UserPoolId=pool_id, Username="alice")


def test_disabled_mid_sign_in_new_password_required(server, cognito):
    pool_id, client_id = make_pool(cognito)
    make_user(cognito, pool_id, permanent=False)
    challenge = sign_in(cognito, client_id, password=TEMPORARY)
    assert challenge["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    disable(cognito, pool_id)
    with aws_error(*DISABLED):
        respond(cognito, client_id, challenge, NEW_PASSWORD=PASSWORD)


@pytest.mark.parametrize("factor", ["SMS_MFA", "EMAIL_OTP"])
def test_disabled_mid_sign_in_message_codes(server, cognito, factor):
    pool_id, client_id = make_pool(cognito, "ON", sms=factor == "SMS_MFA", email=factor == "EMAIL_OTP")
    make_user(cognito, pool_id, phone_number=PHONE, email="alice@example.com")
    challenge = sign_in(cognito, client_id)
    assert challenge["ChallengeName"] == factor
    code = last_code(server, pool_id)
    disable(cognito, pool_id)
    key = "SMS_MFA_CODE" if factor == "SMS_MFA" else "EMAIL_OTP_CODE"
    with aws_error(*DISABLED):
        respond(cognito, client_id, challenge, **{key: code})


def test_disabled_mid_sign_in_software_token(fresh_server):
    cognito = fresh_server.client()
    pool_id, client_id = make_pool(cognito, "ON", totp=True)
    make_user(cognito, pool_id)
    secret = totp_user(fresh_server, cognito, pool_id, client_id)
    challenge = sign_in(cognito, client_id)
    advance(fresh_server, 30)
    disable(cognito, pool_id)
    code = pyotp.TOTP(secret).at(control(fresh_server, "/_mock/clock")["now"])
    with aws_error(*DISABLED):
        respond(cognito, client_id, challenge, SOFTWARE_TOKEN_MFA_CODE=code)


def test_disabled_mid_sign_in_mfa_setup(fresh_server):
    cognito = fresh_server.client()
    pool_id, client_id = make_pool(cognito, "ON", totp=True)
    make_user(cognito, pool_id)
    challenge = sign_in(cognito, client_id)
    assert challenge["ChallengeName"] == "MFA_SETUP"
    associated = cognito.associate_software_token(Session=challenge["Session"])
    now = control(fresh_server, "/_mock/clock")["now"]
    verified = cognito.verify_software_token(Session=associated["Session"],
                                             UserCode=pyotp.TOTP(associated["SecretCode"]).at(now))
    disable(cognito, pool_id)
    with aws_error(*DISABLED):
        cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName="MFA_SETUP", Session=verified["Session"],
                                          ChallengeResponses={"USERNAME": "alice"})


def test_disabled_before_associating_with_a_setup_session(server, cognito):
    pool_id, client_id = make_pool(cognito, "ON", totp=True)
    make_user(cognito, pool_id)
    challenge = sign_in(cognito, client_id)
    disable(cognito, pool_id)
    with aws_error(*DISABLED):
        cognito.associate_software_token(Session=challenge["Session"])


def test_disabled_mid_srp_sign_in(server, cognito):
    pool_id, client_id = make_pool(cognito)
    make_user(cognito, pool_id)
    srp = AWSSRP(username="alice", password=PASSWORD, pool_id=pool_id, client_id=client_id, client=cognito)
    start = cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_SRP_AUTH", AuthParameters=srp.get_auth_params())
    disable(cognito, pool_id)
    with aws_error(*DISABLED):
        cognito.respond_to_auth_challenge(
            ClientId=client_id, ChallengeName="PASSWORD_VERIFIER",
            ChallengeResponses=srp.process_challenge(start["ChallengeParameters"], srp.get_auth_params()))


def test_disabled_after_srp_before_the_mfa_answer(server, cognito):
    pool_id, client_id = make_pool(cognito, "ON", sms=True)
    make_user(cognito, pool_id, phone_number=PHONE)
    srp = AWSSRP(username="alice", password=PASSWORD, pool_id=pool_id, client_id=client_id, client=cognito)
    start = cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_SRP_AUTH", AuthParameters=srp.get_auth_params())
    challenge = cognito.respond_to_auth_challenge(
        ClientId=client_id, ChallengeName="PASSWORD_VERIFIER",
        ChallengeResponses=srp.process_challenge(start["ChallengeParameters"], srp.get_auth_params()))
    disable(cognito, pool_id)
    with aws_error(*DISABLED):
        respond(cognito, client_id, challenge, SMS_MFA_CODE=last_code(server, pool_id))


# -- 3. sessions are bound to the user and to the credentials in force -------------------------------
def test_session_does_not_survive_delete_and_recreate(server, cognito):
    """The attacker holds a NEW_PASSWORD_REQUIRED session for the old alice; the admin deletes her and
    creates a new alice: the old session must not set the new account's password."""
    pool_id, client_id = make_pool(cognito)
    make_user(cognito, pool_id, permanent=False)
    challenge = sign_in(cognito, client_id, password=TEMPORARY)
    cognito.admin_delete_user(UserPoolId=pool_id, Username="alice")
    make_user(cognito, pool_id, permanent=False)
    with aws_error(*INVALID_SESSION):
        respond(cognito, client_id, challenge, NEW_PASSWORD="Attack3r!pass")
    with aws_error("NotAuthorizedException", "Incorrect username or password."):
        sign_in(cognito, client_id, password="Attack3r!pass")


def test_session_does_not_survive_a_reissued_temporary_password(server, cognito):
    pool_id, client_id = make_pool(cognito)
    make_user(cognito, pool_id, permanent=False)
    challenge = sign_in(cognito, client_id, password=TEMPORARY)
    cognito.admin_set_user_password(UserPoolId=pool_id, Username="alice", Password="N3w-temporary!", Permanent=False)
    with aws_error(*INVALID_SESSION):
        respond(cognito, client_id, challenge, NEW_PASSWORD="Attack3r!pass")


def test_mfa_session_ends_when_the_password_is_set(server, cognito):
    pool_id, client_id = make_pool(cognito, "ON", sms=True)
    make_user(cognito, pool_id, phone_number=PHONE)
    challenge = sign_in(cognito, client_id)
    code = last_code(server, pool_id)
    cognito.admin_set_user_password(UserPoolId=pool_id, Username="alice", Password="An0ther-pass!", Permanent=True)
    with aws_error(*INVALID_SESSION):
        respond(cognito, client_id, challenge, SMS_MFA_CODE=code)


def test_mfa_session_ends_when_the_user_is_deleted(server, cognito):
    pool_id, client_id = make_pool(cognito, "ON", sms=True)
    make_user(cognito, pool_id, phone_number=PHONE)
    challenge = sign_in(cognito, client_id)
    code = last_code(server, pool_id)
    cognito.admin_delete_user(UserPoolId=pool_id, Username="alice")
    make_user(cognito, pool_id, phone_number=PHONE)
    with aws_error(*INVALID_SESSION):
        respond(cognito, client_id, challenge, SMS_MFA_CODE=code)


def test_setup_session_ends_when_the_password_is_set(server, cognito):
    pool_id, client_id = make_pool(cognito, "ON", totp=True)
    make_user(cognito, pool_id)
    challenge = sign_in(cognito, client_id)
    cognito.admin_set_user_password(UserPoolId=pool_id, Username="alice", Password="An0ther-pass!", Permanent=True)
    with aws_error(*INVALID_SESSION):
        cognito.associate_software_token(Session=challenge["Session"])


# -- 10. a deleted app client's tokens --------------------------------------------------------------
def test_deleted_client_tokens_are_revoked(server, cognito):
    pool_id, client_id = make_pool(cognito)
    make_user(cognito, pool_id)
    tokens = sign_in(cognito, client_id)["AuthenticationResult"]
    assert cognito.get_user(AccessToken=tokens["AccessToken"])["Username"] == "alice"
    cognito.delete_user_pool_client(UserPoolId=pool_id, ClientId=client_id)
    with aws_error("NotAuthorizedException", "Access Token has been revoked"):
        cognito.get_user(AccessToken=tokens["AccessToken"])
    with aws_error("NotAuthorizedException", "Access Token has been revoked"):
        cognito.update_user_attributes(AccessToken=tokens["AccessToken"],
                                       UserAttributes=[{"Name": "name", "Value": "Mallory"}])


# -- 12. MFA rows corrected by new evidence ---------------------------------------------------------
def test_mfa_setup_lists_every_factor_type_enabled_on_the_pool(server, cognito):
    """A capture lists SMS_MFA beside SOFTWARE_TOKEN_MFA for a user with no phone number."""
    pool_id, client_id = make_pool(cognito, "ON", sms=True, totp=True, email=True)
    make_user(cognito, pool_id)
    challenge = sign_in(cognito, client_id)
    assert challenge["ChallengeName"] == "MFA_SETUP"
    assert challenge["ChallengeParameters"]["MFAS_CAN_SETUP"] == '["SMS_MFA","SOFTWARE_TOKEN_MFA","EMAIL_OTP"]'


def test_mfa_setup_answered_with_an_email_leads_to_email_otp(server, cognito):
    pool_id, client_id = make_pool(cognito, "ON", totp=True, email=True)
    make_user(cognito, pool_id)
    challenge = sign_in(cognito, client_id)
    assert challenge["ChallengeName"] == "MFA_SETUP"
    email_challenge = respond(cognito, client_id, challenge, EMAIL="alice@example.com")
    assert email_challenge["ChallengeName"] == "EMAIL_OTP"
    assert email_challenge["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"] == "EMAIL"
    result = respond(cognito, client_id, email_challenge, EMAIL_OTP_CODE=last_code(server, pool_id))
    assert "AccessToken" in result["AuthenticationResult"]
    user = cognito.admin_get_user(UserPoolId=pool_id, Username="alice")
    attributes = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
    assert attributes["email"] == "alice@example.com" and attributes["email_verified"] == "true"
    assert user["UserMFASettingList"] == ["EMAIL_OTP"]
    assert sign_in(cognito, client_id)["ChallengeName"] == "EMAIL_OTP"


def test_on_pool_verified_token_counts_without_a_preference(fresh_server):
    """In an ON pool, VerifySoftwareToken alone makes the authenticator count at the next sign-in."""
    cognito = fresh_server.client()
    pool_id, client_id = make_pool(cognito, "OPTIONAL", totp=True)
    make_user(cognito, pool_id)
    tokens = sign_in(cognito, client_id)["AuthenticationResult"]
    secret = cognito.associate_software_token(AccessToken=tokens["AccessToken"])["SecretCode"]
    now = control(fresh_server, "/_mock/clock")["now"]
    cognito.verify_software_token(AccessToken=tokens["AccessToken"], UserCode=pyotp.TOTP(secret).at(now))
    assert "AuthenticationResult" in sign_in(cognito, client_id)  # OPTIONAL: not enabled, no challenge
    cognito.set_user_pool_mfa_config(UserPoolId=pool_id, MfaConfiguration="ON",
                                     SoftwareTokenMfaConfiguration={"Enabled": True})
    assert sign_in(cognito, client_id)["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
