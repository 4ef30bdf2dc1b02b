"""MFA at sign-in through boto3: the rows of spec section 3.5 that need no authenticator app (the
TOTP rows are in test_user_mfa.py with pyotp), codes read from /_mock/messages, exact challenge
parameters and errors, and pool changes taking effect on the very next sign-in."""
from __future__ import annotations

import json
import urllib.request

from e2e import SMS_CONFIGURATION, DEVELOPER_EMAIL_CONFIGURATION, RECOVERY_ADMIN_ONLY, aws_error, unique_name

PASSWORD = "Corr3ct-Horse!"
FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
PHONE = "+15555550008"


def setup(cognito, mode=None, sms=False, email_mfa=False, totp=None, **user_attributes):
    """A pool (with the requested MFA configuration), a password client and a confirmed user alice."""
    pool_id = cognito.create_user_pool(
        PoolName=unique_name("mfa"), EmailConfiguration=DEVELOPER_EMAIL_CONFIGURATION,
        AccountRecoverySetting=RECOVERY_ADMIN_ONLY, SmsConfiguration=SMS_CONFIGURATION)["UserPool"]["Id"]
    client_id = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app",
                                                ExplicitAuthFlows=FLOWS)["UserPoolClient"]["ClientId"]
    attributes = [{"Name": k, "Value": v} for k, v in user_attributes.items()]
    cognito.admin_create_user(UserPoolId=pool_id, Username="alice", MessageAction="SUPPRESS", UserAttributes=attributes,
                              TemporaryPassword="Temp0rary!pass")
    cognito.admin_set_user_password(UserPoolId=pool_id, Username="alice", Password=PASSWORD, Permanent=True)
    if mode:
        configure(cognito, pool_id, mode, sms=sms, email_mfa=email_mfa, totp=totp)
    return pool_id, client_id


def configure(cognito, pool_id, mode, sms=False, email_mfa=False, totp=None):
    request = {"UserPoolId": pool_id, "MfaConfiguration": mode}
    if sms:
        request["SmsMfaConfiguration"] = {"SmsAuthenticationMessage": "Code: {####}", "SmsConfiguration": SMS_CONFIGURATION}
    if email_mfa:
        request["EmailMfaConfiguration"] = {"Message": "Your code is {####}", "Subject": "Sign-in"}
    if totp is not None:
        request["SoftwareTokenMfaConfiguration"] = {"Enabled": totp}
    cognito.set_user_pool_mfa_config(**request)


def sign_in(cognito, client_id):
    return cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                 AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD})


def last_code(server, pool_id):
    with urllib.request.urlopen(f"{server.url}/_mock/messages?userPoolId={pool_id}&username=alice") as response:
        return json.load(response)[-1]


def respond(cognito, client_id, challenge, **responses):
    return cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName=challenge["ChallengeName"],
                                             Session=challenge["Session"],
                                             ChallengeResponses={"USERNAME": "alice", **responses})


def test_off_pool_gives_tokens(server, cognito):
    pool_id, client_id = setup(cognito, phone_number=PHONE)
    assert "AuthenticationResult" in sign_in(cognito, client_id)


def test_on_pool_sms_only_sends_a_code_to_the_phone(server, cognito):
    pool_id, client_id = setup(cognito, "ON", sms=True, phone_number=PHONE)
    challenge = sign_in(cognito, client_id)
    assert challenge["ChallengeName"] == "SMS_MFA"
    assert challenge["ChallengeParameters"] == {
        "CODE_DELIVERY_DELIVERY_MEDIUM": "SMS", "CODE_DELIVERY_DESTINATION": "+*******0008", "USER_ID_FOR_SRP": "alice"}
    message = last_code(server, pool_id)
    assert message["channel"] == "SMS" and message["destination"] == PHONE
    assert message["message"] == f"Code: {message['code']}" and len(message["code"]) == 6
    with aws_error("CodeMismatchException", "Invalid code or auth state for the user."):
        respond(cognito, client_id, challenge, SMS_MFA_CODE="000000" if message["code"] != "000000" else "111111")
    # The same session may be retried after a wrong code (row 11).
    result = respond(cognito, client_id, challenge, SMS_MFA_CODE=message["code"])
    assert "IdToken" in result["AuthenticationResult"]
    with aws_error("NotAuthorizedException", "Invalid session for the user, session can only be used once."):
        respond(cognito, client_id, challenge, SMS_MFA_CODE=message["code"])
    attributes = {a["Name"]: a["Value"] for a in cognito.admin_get_user(UserPoolId=pool_id, Username="alice")["UserAttributes"]}
    assert attributes["phone_number_verified"] == "true"  # completing SMS MFA verifies the number


def test_on_pool_sms_only_without_phone_asks_for_setup(server, cognito):
    pool_id, client_id = setup(cognito, "ON", sms=True)
    challenge = sign_in(cognito, client_id)
    assert challenge["ChallengeName"] == "MFA_SETUP"
    assert challenge["ChallengeParameters"] == {"MFAS_CAN_SETUP": '["SMS_MFA"]', "USER_ID_FOR_SRP": "alice"}


def test_on_pool_sms_and_totp_without_phone_asks_for_setup_of_both(server, cognito):
    pool_id, client_id = setup(cognito, "ON", sms=True, totp=True)
    challenge = sign_in(cognito, client_id)
    assert challenge["ChallengeName"] == "MFA_SETUP"
    assert json.loads(challenge["ChallengeParameters"]["MFAS_CAN_SETUP"]) == ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]


def test_on_pool_totp_only_asks_for_setup(server, cognito):
    pool_id, client_id = setup(cognito, "ON", totp=True, phone_number=PHONE)
    challenge = sign_in(cognito, client_id)
    assert challenge["ChallengeName"] == "MFA_SETUP"
    assert challenge["ChallengeParameters"]["MFAS_CAN_SETUP"] == '["SOFTWARE_TOKEN_MFA"]'


def test_on_pool_with_sms_and_email_lets_the_user_choose(server, cognito):
    pool_id, client_id = setup(cognito, "ON", sms=True, email_mfa=True, phone_number=PHONE, email="alice@example.com")
    challenge = sign_in(cognito, client_id)
    assert challenge["ChallengeName"] == "SELECT_MFA_TYPE"
    assert challenge["ChallengeParameters"] == {"MFAS_CAN_CHOOSE": '["SMS_MFA","EMAIL_OTP"]', "USER_ID_FOR_SRP": "alice"}
    email = respond(cognito, client_id, challenge, ANSWER="EMAIL_OTP")
    assert email["ChallengeName"] == "EMAIL_OTP"
    assert email["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"] == "EMAIL"
    assert email["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"] == "a***@e***.com"
    message = last_code(server, pool_id)
    assert message["channel"] == "EMAIL" and message["destination"] == "alice@example.com"
    assert message["message"] == f"Your code is {message['code']}"
    result = respond(cognito, client_id, email, EMAIL_OTP_CODE=message["code"])
    assert "AccessToken" in result["AuthenticationResult"]


def test_optional_pool_challenges_only_enabled_factors(server, cognito):
    pool_id, client_id = setup(cognito, "OPTIONAL", sms=True, totp=True, phone_number=PHONE)
    assert "AuthenticationResult" in sign_in(cognito, client_id)  # OPTIONAL | no enabled factor → tokens


def test_pool_changes_apply_to_the_very_next_sign_in(server, cognito):
    pool_id, client_id = setup(cognito, phone_number=PHONE)
    assert "AuthenticationResult" in sign_in(cognito, client_id)
    configure(cognito, pool_id, "ON", sms=True)
    assert sign_in(cognito, client_id)["ChallengeName"] == "SMS_MFA"
    cognito.set_user_pool_mfa_config(UserPoolId=pool_id, MfaConfiguration="OFF")
    assert "AuthenticationResult" in sign_in(cognito, client_id)


def test_five_wrong_codes_lock_sign_in(fresh_server):
    cognito = fresh_server.client()
    pool_id, client_id = setup(cognito, "ON", sms=True, phone_number=PHONE)
    challenge = sign_in(cognito, client_id)
    code = last_code(fresh_server, pool_id)["code"]
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        with aws_error("CodeMismatchException", "Invalid code or auth state for the user."):
            respond(cognito, client_id, challenge, SMS_MFA_CODE=wrong)
    with aws_error("NotAuthorizedException", "Password attempts exceeded"):
        respond(cognito, client_id, challenge, SMS_MFA_CODE=code)
    with aws_error("NotAuthorizedException", "Password attempts exceeded"):
        sign_in(cognito, client_id)
    advance(fresh_server, 2)
    again = sign_in(cognito, client_id)
    result = respond(cognito, client_id, again, SMS_MFA_CODE=last_code(fresh_server, pool_id)["code"])
    assert "AccessToken" in result["AuthenticationResult"]


def test_codes_expire_with_the_session(fresh_server):
    cognito = fresh_server.client()
    pool_id, client_id = setup(cognito, "ON", sms=True, phone_number=PHONE)
    challenge = sign_in(cognito, client_id)
    advance(fresh_server, 181)
    with aws_error("NotAuthorizedException", "Invalid session for the user, session is expired."):
        respond(cognito, client_id, challenge, SMS_MFA_CODE=last_code(fresh_server, pool_id)["code"])


def advance(server, seconds):
    request = urllib.request.Request(f"{server.url}/_mock/clock", data=json.dumps({"advanceSeconds": seconds}).encode(),
                                     method="POST", headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request).close()


# -- TOTP rows, with pyotp as the authenticator app ------------------------------------------------
def server_now(server):
    with urllib.request.urlopen(f"{server.url}/_mock/clock") as response:
        return json.load(response)["now"]


def totp_code(server, secret):
    import pyotp
    return pyotp.TOTP(secret).at(server_now(server))


def test_on_pool_totp_setup_then_totp_challenges(fresh_server):
    cognito = fresh_server.client()
    pool_id, client_id = setup(cognito, "ON", totp=True)
    setup_challenge = sign_in(cognito, client_id)
    assert setup_challenge["ChallengeName"] == "MFA_SETUP"
    associated = cognito.associate_software_token(Session=setup_challenge["Session"])
    secret = associated["SecretCode"]
    assert len(secret) == 52
    verified = cognito.verify_software_token(Session=associated["Session"], UserCode=totp_code(fresh_server, secret),
                                             FriendlyDeviceName="phone")
    assert verified["Status"] == "SUCCESS"
    result = cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName="MFA_SETUP", Session=verified["Session"],
                                               ChallengeResponses={"USERNAME": "alice"})
    assert "AccessToken" in result["AuthenticationResult"]  # row 9: tokens after MFA_SETUP

    # ON | verified TOTP, no preference, no message factor eligible → SOFTWARE_TOKEN_MFA
    challenge = sign_in(cognito, client_id)
    assert challenge["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    assert challenge["ChallengeParameters"] == {"FRIENDLY_DEVICE_NAME": "phone", "USER_ID_FOR_SRP": "alice"}
    with aws_error("ExpiredCodeException", "Your software token has already been used once."):
        respond(cognito, client_id, challenge, SOFTWARE_TOKEN_MFA_CODE=totp_code(fresh_server, secret))
    advance(fresh_server, 30)
    code = totp_code(fresh_server, secret)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    with aws_error("CodeMismatchException", "Invalid code received for user"):
        respond(cognito, client_id, challenge, SOFTWARE_TOKEN_MFA_CODE=wrong)
    result = respond(cognito, client_id, challenge, SOFTWARE_TOKEN_MFA_CODE=code)
    assert "IdToken" in result["AuthenticationResult"]


def test_optional_pool_with_preferred_totp(fresh_server):
    cognito = fresh_server.client()
    pool_id, client_id = setup(cognito, "OPTIONAL", sms=True, totp=True, phone_number=PHONE)
    tokens = sign_in(cognito, client_id)["AuthenticationResult"]
    associated = cognito.associate_software_token(AccessToken=tokens["AccessToken"])
    cognito.verify_software_token(AccessToken=tokens["AccessToken"], UserCode=totp_code(fresh_server, associated["SecretCode"]))
    # Row 17: verified but not enabled → still tokens in an OPTIONAL pool.
    assert "AuthenticationResult" in sign_in(cognito, client_id)
    cognito.set_user_mfa_preference(AccessToken=tokens["AccessToken"],
                                    SMSMfaSettings={"Enabled": True},
                                    SoftwareTokenMfaSettings={"Enabled": True})
    choice = sign_in(cognito, client_id)
    assert choice["ChallengeName"] == "SELECT_MFA_TYPE"
    assert choice["ChallengeParameters"]["MFAS_CAN_CHOOSE"] == '["SMS_MFA","SOFTWARE_TOKEN_MFA"]'
    cognito.set_user_mfa_preference(AccessToken=tokens["AccessToken"],
                                    SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})
    challenge = sign_in(cognito, client_id)
    assert challenge["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    advance(fresh_server, 30)
    result = respond(cognito, client_id, challenge, SOFTWARE_TOKEN_MFA_CODE=totp_code(fresh_server, associated["SecretCode"]))
    assert "AccessToken" in result["AuthenticationResult"]
