"""TOTP enrolment and the per-user MFA operations through boto3, with pyotp as the authenticator app
(an independent RFC 6238 implementation). Codes are computed for the server's clock (GET /_mock/clock),
which each test first moves to the start of a 30-second step so that no step boundary falls inside it.

Texts with their evidence live in Sources/CognitoIdentityProvider/Support/UserMfaErrors.swift and
AuthErrors.swift; the ones asserted here and not in the spec are cited there, and next to the assertion."""
from __future__ import annotations

import json
import urllib.request

import pyotp
import pytest

from e2e import Server, aws_error, strip_meta, unique_name

PASSWORD = "Corr3ct-Horse!"
SMS_OPTIONS = [{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}]
MFA_KEYS = ("UserMFASettingList", "PreferredMfaSetting", "MFAOptions")


@pytest.fixture(scope="module")
def mfa_server(tmp_path_factory):
    """A server of this module's own: the tests move its clock."""
    server = Server(tmp_path_factory.mktemp("user-mfa")).start()
    yield server
    assert server.stop() == 0


@pytest.fixture
def cognito(mfa_server):
    return mfa_server.client()


def clock(server, advance=None):
    if advance is None:
        request = urllib.request.Request(f"{server.url}/_mock/clock")
    else:
        request = urllib.request.Request(f"{server.url}/_mock/clock", data=json.dumps({"advanceSeconds": advance}).encode(),
                                         method="POST", headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)["now"]


def align(server):
    """Moves the server clock just past the start of the next TOTP step; returns the new time."""
    now = clock(server)
    clock(server, 30 - now % 30 + 0.05)
    return clock(server)


class Setup:
    """A pool with TOTP enabled (OPTIONAL), a USER_PASSWORD_AUTH client and user alice, signed in."""

    def __init__(self, server, cognito, phone=True, tier=None):
        self.server, self.cognito = server, cognito
        args = {"PoolName": unique_name("usermfa")}
        if tier:
            args["UserPoolTier"] = tier
        self.pool_id = cognito.create_user_pool(**args)["UserPool"]["Id"]
        self.client_id = cognito.create_user_pool_client(
            UserPoolId=self.pool_id, ClientName="app",
            ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
        attributes = [{"Name": "email", "Value": "alice@example.com"}]
        if phone:
            attributes.append({"Name": "phone_number", "Value": "+15555550100"})
        cognito.admin_create_user(UserPoolId=self.pool_id, Username="alice", TemporaryPassword="Temp0rary!pass",
                                  MessageAction="SUPPRESS", UserAttributes=attributes)
        cognito.admin_set_user_password(UserPoolId=self.pool_id, Username="alice", Password=PASSWORD, Permanent=True)
        self.set_pool("OPTIONAL")
        self.token = cognito.initiate_auth(
            ClientId=self.client_id, AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD})["AuthenticationResult"]["AccessToken"]
        self.now = align(server)

    def set_pool(self, mode, totp=True):
        config = {"SoftwareTokenMfaConfiguration": {"Enabled": totp}} if mode != "OFF" else {}
        self.cognito.set_user_pool_mfa_config(UserPoolId=self.pool_id, MfaConfiguration=mode, **config)

    def code(self, secret, steps=0):
        return pyotp.TOTP(secret).at(self.now + 30 * steps)

    def associate(self):
        return self.cognito.associate_software_token(AccessToken=self.token)["SecretCode"]

    def verify(self, code, **extra):
        return strip_meta(self.cognito.verify_software_token(AccessToken=self.token, UserCode=code, **extra))

    def enrol(self, name=None):
        secret = self.associate()
        extra = {"FriendlyDeviceName": name} if name else {}
        assert self.verify(self.code(secret), **extra) == {"Status": "SUCCESS"}
        return secret

    def mfa_members(self):
        user = self.cognito.admin_get_user(UserPoolId=self.pool_id, Username="alice")
        return {k: v for k, v in user.items() if k in MFA_KEYS}

    def advance(self, seconds):
        clock(self.server, seconds)
        self.now += seconds


@pytest.fixture
def setup(mfa_server, cognito):
    return Setup(mfa_server, cognito)


def wrong(code):
    return "000000" if code != "000000" else "000001"


# -- AssociateSoftwareToken / VerifySoftwareToken -----------------------------------------------
def test_associate_and_verify_with_an_authenticator_app(setup):
    answer = strip_meta(setup.cognito.associate_software_token(AccessToken=setup.token))
    secret = answer["SecretCode"]
    assert list(answer) == ["SecretCode"]  # no Session in the access-token path
    assert len(secret) == 52 and set(secret) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")  # spec section 9 row 14
    assert setup.verify(setup.code(secret), FriendlyDeviceName="phone") == {"Status": "SUCCESS"}
    # Verifying registers the authenticator but enables nothing (spec 4.2, 4.4).
    assert setup.mfa_members() == {}


def test_the_previous_and_next_steps_are_accepted_and_no_others(setup):
    secret = setup.associate()
    for steps in (-2, 2):
        with aws_error("EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA"):
            setup.verify(setup.code(secret, steps))
    assert setup.verify(setup.code(secret, 1)) == {"Status": "SUCCESS"}
    setup.advance(90)  # past the step just accepted: the previous step now is a new one
    secret = setup.associate()
    assert setup.verify(setup.code(secret, -1)) == {"Status": "SUCCESS"}


def test_wrong_code_reused_step_and_nothing_to_verify(setup):
    # UserMfaErrors.softwareTokenNotAssociated: [R] amazon-cognito-identity-js#630's text, [I] for this call.
    with aws_error("SoftwareTokenMFANotFoundException", "Software Token MFA does not exist for the user."):
        setup.verify("123456")
    first = setup.associate()
    with aws_error("EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA"):
        setup.verify(wrong(setup.code(first)))
    assert setup.verify(setup.code(first)) == {"Status": "SUCCESS"}
    with aws_error("SoftwareTokenMFANotFoundException", "Software Token MFA does not exist for the user."):
        setup.verify(setup.code(first))
    # A second authenticator verified in the step the first one used.
    second = setup.associate()
    with aws_error("ExpiredCodeException", "Your software token has already been used once."):
        setup.verify(setup.code(second))
    setup.advance(30)
    assert setup.verify(setup.code(second)) == {"Status": "SUCCESS"}


def test_malformed_user_code_gets_the_coral_text(setup):
    setup.associate()
    cognito = setup.server.client(validate=False)
    with aws_error("InvalidParameterException",
                   "2 validation errors detected: Value at 'userCode' failed to satisfy constraint: Member must "
                   "have length greater than or equal to 6; Value at 'userCode' failed to satisfy constraint: "
                   "Member must satisfy regular expression pattern: [0-9]+"):
        cognito.verify_software_token(AccessToken=setup.token, UserCode="Aaaa")


def test_totp_must_be_enabled_in_the_pool(setup):
    setup.set_pool("OFF")
    # UserMfaErrors.softwareTokenMfaNotEnabled: [D] developer guide, user-pool-settings-mfa-totp.
    with aws_error("SoftwareTokenMFANotFoundException", "Software Token MFA has not been enabled by the userPool"):
        setup.associate()
    with aws_error("SoftwareTokenMFANotFoundException", "Software Token MFA has not been enabled by the userPool"):
        setup.verify("123456")


def test_bad_access_tokens(setup):
    with aws_error("NotAuthorizedException", "Invalid Access Token"):
        setup.cognito.associate_software_token(AccessToken="a.b.c")
    with aws_error("NotAuthorizedException", "Invalid Access Token"):
        setup.cognito.set_user_mfa_preference(AccessToken=setup.token[:-4] + "AAAA", SMSMfaSettings={"Enabled": False})


# -- SetUserMFAPreference / AdminSetUserMFAPreference -------------------------------------------
def test_totp_preference_needs_a_verified_authenticator(setup):
    settings = {"SoftwareTokenMfaSettings": {"Enabled": True, "PreferredMfa": True}}
    with aws_error("InvalidParameterException", "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA"):
        setup.cognito.set_user_mfa_preference(AccessToken=setup.token, **settings)
    setup.associate()
    with aws_error("InvalidParameterException", "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA"):
        setup.cognito.admin_set_user_mfa_preference(UserPoolId=setup.pool_id, Username="alice", **settings)
    setup.enrol()
    assert strip_meta(setup.cognito.set_user_mfa_preference(AccessToken=setup.token, **settings)) == {}
    # The fields of real admin-get-user output for a TOTP user (spec 4.4, JA-BLOG-2025).
    assert setup.mfa_members() == {"PreferredMfaSetting": "SOFTWARE_TOKEN_MFA", "UserMFASettingList": ["SOFTWARE_TOKEN_MFA"]}


def test_preference_errors(mfa_server, cognito):
    setup = Setup(mfa_server, cognito, phone=False)
    with aws_error("InvalidParameterException", "Cannot set a preferred MFA method that is not enabled."):
        cognito.set_user_mfa_preference(AccessToken=setup.token, EmailMfaSettings={"PreferredMfa": True})
    with aws_error("InvalidParameterException", "User does not have delivery config set to turn on SMS_MFA"):
        cognito.set_user_mfa_preference(AccessToken=setup.token, SMSMfaSettings={"Enabled": True})
    cognito.admin_delete_user_attributes(UserPoolId=setup.pool_id, Username="alice", UserAttributeNames=["email"])
    with aws_error("InvalidParameterException", "User does not have delivery config set to turn on EMAIL_OTP"):
        cognito.admin_set_user_mfa_preference(UserPoolId=setup.pool_id, Username="alice", EmailMfaSettings={"Enabled": True})
    with aws_error("UserNotFoundException", "User does not exist."):
        cognito.admin_set_user_mfa_preference(UserPoolId=setup.pool_id, Username="bob", SMSMfaSettings={"Enabled": False})


def test_email_mfa_needs_a_tier_above_lite(mfa_server, cognito):
    setup = Setup(mfa_server, cognito, tier="LITE")
    with aws_error("FeatureUnavailableInTierException",
                   "The following features need to be disabled for the LITE pricing tier configured: Email MFA"):
        cognito.set_user_mfa_preference(AccessToken=setup.token, EmailMfaSettings={"Enabled": True, "PreferredMfa": True})


def test_one_preferred_factor_and_omitted_blocks_untouched(setup):
    cognito = setup.cognito
    setup.enrol()
    cognito.set_user_mfa_preference(AccessToken=setup.token, SMSMfaSettings={"Enabled": True},
                                    SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})
    assert setup.mfa_members() == {"UserMFASettingList": ["SMS_MFA", "SOFTWARE_TOKEN_MFA"],
                                   "PreferredMfaSetting": "SOFTWARE_TOKEN_MFA", "MFAOptions": SMS_OPTIONS}
    cognito.admin_set_user_mfa_preference(UserPoolId=setup.pool_id, Username="alice",
                                          EmailMfaSettings={"Enabled": True, "PreferredMfa": True})
    assert setup.mfa_members() == {"UserMFASettingList": ["SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP"],
                                   "PreferredMfaSetting": "EMAIL_OTP", "MFAOptions": SMS_OPTIONS}
    cognito.set_user_mfa_preference(AccessToken=setup.token, EmailMfaSettings={}, SMSMfaSettings={"Enabled": False})
    assert setup.mfa_members() == {"UserMFASettingList": ["SOFTWARE_TOKEN_MFA"]}
    factors = strip_meta(cognito.get_user_auth_factors(AccessToken=setup.token))
    assert factors == {"Username": "alice", "UserMFASettingList": ["SOFTWARE_TOKEN_MFA"],
                       "ConfiguredUserAuthFactors": ["PASSWORD"]}


def test_on_pools_ignore_turning_factors_off(setup):
    cognito = setup.cognito
    setup.enrol()
    cognito.set_user_mfa_preference(AccessToken=setup.token, SMSMfaSettings={"Enabled": True, "PreferredMfa": True},
                                    SoftwareTokenMfaSettings={"Enabled": True})
    setup.set_pool("ON")
    response = cognito.set_user_mfa_preference(AccessToken=setup.token, SMSMfaSettings={"Enabled": False},
                                               SoftwareTokenMfaSettings={"Enabled": False})
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200 and strip_meta(response) == {}
    # Both stay enabled; only the preference followed the request (spec 4.3).
    assert setup.mfa_members() == {"UserMFASettingList": ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], "MFAOptions": SMS_OPTIONS}


# -- SetUserSettings / AdminSetUserSettings ------------------------------------------------------
def test_legacy_settings_turn_sms_mfa_on_and_off(setup):
    cognito = setup.cognito
    assert setup.mfa_members() == {}
    assert strip_meta(cognito.set_user_settings(AccessToken=setup.token, MFAOptions=SMS_OPTIONS)) == {}
    assert setup.mfa_members() == {"UserMFASettingList": ["SMS_MFA"], "MFAOptions": SMS_OPTIONS}
    assert strip_meta(cognito.admin_set_user_settings(UserPoolId=setup.pool_id, Username="alice", MFAOptions=[])) == {}
    assert setup.mfa_members() == {}
    with aws_error("UserNotFoundException", "User does not exist."):
        cognito.admin_set_user_settings(UserPoolId=setup.pool_id, Username="bob", MFAOptions=[])


def test_get_user_auth_factors(setup):
    assert strip_meta(setup.cognito.get_user_auth_factors(AccessToken=setup.token)) == {
        "Username": "alice", "ConfiguredUserAuthFactors": ["PASSWORD"]}


def test_mfa_state_survives_a_restart(tmp_path):
    server = Server(tmp_path).start()
    try:
        setup = Setup(server, server.client())
        secret = setup.enrol()
        setup.cognito.set_user_mfa_preference(AccessToken=setup.token,
                                              SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})
        server.restart()
        setup.cognito = server.client()
        assert setup.mfa_members() == {"PreferredMfaSetting": "SOFTWARE_TOKEN_MFA", "UserMFASettingList": ["SOFTWARE_TOKEN_MFA"]}
        # The step used by VerifySoftwareToken is remembered across the restart.
        second = setup.cognito.associate_software_token(AccessToken=setup.token)["SecretCode"]
        with aws_error("ExpiredCodeException", "Your software token has already been used once."):
            setup.cognito.verify_software_token(AccessToken=setup.token, UserCode=pyotp.TOTP(second).at(setup.now))
        assert secret != second
    finally:
        server.stop()


# -- The MFA_SETUP path: sign-in session → AssociateSoftwareToken → VerifySoftwareToken → tokens --
def test_mfa_setup_challenge_enrols_with_sessions(mfa_server, cognito):
    setup = Setup(mfa_server, cognito, phone=False)
    setup.set_pool("ON")
    challenge = cognito.initiate_auth(ClientId=setup.client_id, AuthFlow="USER_PASSWORD_AUTH",
                                      AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD})
    assert challenge["ChallengeName"] == "MFA_SETUP"
    associated = strip_meta(cognito.associate_software_token(Session=challenge["Session"]))
    assert sorted(associated) == ["SecretCode", "Session"] and associated["Session"] != challenge["Session"]
    with aws_error("NotAuthorizedException", "Invalid session for the user, session can only be used once."):
        cognito.associate_software_token(Session=challenge["Session"])
    secret = associated["SecretCode"]
    # A wrong code leaves the session usable (spec 3.4); the right one answers the next session.
    with aws_error("EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA"):
        cognito.verify_software_token(Session=associated["Session"], UserCode=wrong(setup.code(secret)))
    verified = strip_meta(cognito.verify_software_token(Session=associated["Session"], UserCode=setup.code(secret),
                                                        FriendlyDeviceName="phone"))
    assert verified["Status"] == "SUCCESS" and verified["Session"] not in (associated["Session"], challenge["Session"])
    result = cognito.respond_to_auth_challenge(ClientId=setup.client_id, ChallengeName="MFA_SETUP",
                                               Session=verified["Session"], ChallengeResponses={"USERNAME": "alice"})
    assert "AccessToken" in result["AuthenticationResult"]


def test_verify_needs_the_session_associate_returned(mfa_server, cognito):
    setup = Setup(mfa_server, cognito, phone=False)
    setup.set_pool("ON")
    challenge = cognito.initiate_auth(ClientId=setup.client_id, AuthFlow="USER_PASSWORD_AUTH",
                                      AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD})
    with aws_error("NotAuthorizedException", "Invalid session for the user."):
        cognito.verify_software_token(Session=challenge["Session"], UserCode="123456")
    with aws_error("NotAuthorizedException", "Invalid session for the user."):
        cognito.associate_software_token(Session="AYABe" + "x" * 300)
