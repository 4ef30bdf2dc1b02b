"""USER_AUTH choice-based sign-in through boto3: SELECT_CHALLENGE with AvailableChallenges, PASSWORD,
PASSWORD_SRP (pycognito computes the claim), EMAIL_OTP and SMS_OTP with codes read from the outbox,
PREFERRED_CHALLENGE, the pool's AllowedFirstAuthFactors and tier, and the MFA rows: MFA after a
password first factor through the same decision, never after a code first factor."""
from __future__ import annotations

from pycognito.aws_srp import AWSSRP, long_to_hex

from e2e import DEVELOPER_EMAIL_CONFIGURATION, RECOVERY_ADMIN_ONLY, SMS_CONFIGURATION, aws_error, last_code, unique_name

PASSWORD = "Corr3ct-Horse!"
FLOWS = ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
ALL_FACTORS = ["PASSWORD", "EMAIL_OTP", "SMS_OTP"]
EMAIL = "alice@example.com"
PHONE = "+15555550123"


def setup(cognito, factors=ALL_FACTORS, flows=FLOWS, verified=True, tier=None):
    extra = {"UserPoolTier": tier} if tier else {}
    pool_id = cognito.create_user_pool(
        PoolName=unique_name("ua"), EmailConfiguration=DEVELOPER_EMAIL_CONFIGURATION, SmsConfiguration=SMS_CONFIGURATION,
        AccountRecoverySetting=RECOVERY_ADMIN_ONLY, Policies={"SignInPolicy": {"AllowedFirstAuthFactors": factors}},
        **extra)["UserPool"]["Id"]
    client_id = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app",
                                                ExplicitAuthFlows=flows)["UserPoolClient"]["ClientId"]
    state = "true" if verified else "false"
    cognito.admin_create_user(
        UserPoolId=pool_id, Username="alice", MessageAction="SUPPRESS", TemporaryPassword="Temp0rary!pass",
        UserAttributes=[{"Name": "email", "Value": EMAIL}, {"Name": "email_verified", "Value": state},
                        {"Name": "phone_number", "Value": PHONE}, {"Name": "phone_number_verified", "Value": state}])
    cognito.admin_set_user_password(UserPoolId=pool_id, Username="alice", Password=PASSWORD, Permanent=True)
    return pool_id, client_id


def start(cognito, client_id, **parameters):
    return cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_AUTH", AuthParameters={"USERNAME": "alice", **parameters})


def respond(cognito, client_id, challenge, name=None, **responses):
    return cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName=name or challenge["ChallengeName"],
                                             Session=challenge["Session"],
                                             ChallengeResponses={"USERNAME": "alice", **responses})


def test_select_challenge_lists_what_the_user_can_use(server, cognito):
    pool_id, client_id = setup(cognito)
    selection = start(cognito, client_id)
    assert selection["ChallengeName"] == "SELECT_CHALLENGE"
    assert selection["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP"]
    assert selection["ChallengeParameters"] == {} and selection["Session"]
    # GetUserAuthFactors reports the same factors (the password once).
    tokens = respond(cognito, client_id, selection, ANSWER="PASSWORD", PASSWORD=PASSWORD)["AuthenticationResult"]
    factors = cognito.get_user_auth_factors(AccessToken=tokens["AccessToken"])
    assert factors["ConfiguredUserAuthFactors"] == ["PASSWORD", "EMAIL_OTP", "SMS_OTP"]


def test_unverified_attributes_and_disallowed_factors_are_not_offered(server, cognito):
    pool_id, client_id = setup(cognito, verified=False)
    assert start(cognito, client_id)["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP"]
    pool_id, client_id = setup(cognito, factors=["PASSWORD", "EMAIL_OTP"])
    assert start(cognito, client_id)["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"]


def test_preferred_password_with_the_password_gives_tokens(server, cognito):
    pool_id, client_id = setup(cognito)
    result = start(cognito, client_id, PREFERRED_CHALLENGE="PASSWORD", PASSWORD=PASSWORD)
    assert "AccessToken" in result["AuthenticationResult"]
    with aws_error("NotAuthorizedException", "Incorrect username or password."):
        start(cognito, client_id, PREFERRED_CHALLENGE="PASSWORD", PASSWORD="Wr0ng!password")
    # Without the password: a PASSWORD challenge answered with it.
    challenge = start(cognito, client_id, PREFERRED_CHALLENGE="PASSWORD")
    assert challenge["ChallengeName"] == "PASSWORD"
    with aws_error("InvalidParameterException", "Missing required parameter PASSWORD"):
        respond(cognito, client_id, challenge)
    assert "IdToken" in respond(cognito, client_id, challenge, PASSWORD=PASSWORD)["AuthenticationResult"]


def test_email_otp_first_factor(server, cognito):
    pool_id, client_id = setup(cognito)
    challenge = start(cognito, client_id, PREFERRED_CHALLENGE="EMAIL_OTP")
    assert challenge["ChallengeName"] == "EMAIL_OTP"
    assert challenge["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"] == "EMAIL"
    code = last_code(server, pool_id, "alice")
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    with aws_error("CodeMismatchException", "Invalid code or auth state for the user."):
        respond(cognito, client_id, challenge, EMAIL_OTP_CODE=wrong)
    result = respond(cognito, client_id, challenge, EMAIL_OTP_CODE=code)
    assert "AccessToken" in result["AuthenticationResult"]


def test_sms_otp_chosen_through_select_challenge(server, cognito):
    pool_id, client_id = setup(cognito)
    selection = start(cognito, client_id)
    challenge = respond(cognito, client_id, selection, ANSWER="SMS_OTP")
    assert challenge["ChallengeName"] == "SMS_OTP"
    assert challenge["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"] == "SMS"
    with aws_error("InvalidParameterException", "Missing required parameter SMS_OTP_CODE"):
        respond(cognito, client_id, challenge)
    result = respond(cognito, client_id, challenge, SMS_OTP_CODE=last_code(server, pool_id, "alice"))
    assert "RefreshToken" in result["AuthenticationResult"]
    # The SELECT_CHALLENGE session was used up by the choice.
    with aws_error("NotAuthorizedException", "Invalid session for the user, session can only be used once."):
        respond(cognito, client_id, selection, ANSWER="PASSWORD", PASSWORD=PASSWORD)


def test_password_srp_through_select_challenge(server, cognito):
    pool_id, client_id = setup(cognito)
    selection = start(cognito, client_id)
    helper = AWSSRP("alice", PASSWORD, pool_id, client_id, client=cognito)
    verifier = respond(cognito, client_id, selection, ANSWER="PASSWORD_SRP", SRP_A=long_to_hex(helper.large_a_value))
    assert verifier["ChallengeName"] == "PASSWORD_VERIFIER"
    claim = helper.process_challenge(verifier["ChallengeParameters"], {"USERNAME": "alice"})
    result = cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=claim)
    assert "AccessToken" in result["AuthenticationResult"]


def test_an_answer_that_was_not_offered_is_refused(server, cognito):
    pool_id, client_id = setup(cognito, factors=["PASSWORD"])
    selection = start(cognito, client_id)
    assert selection["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP"]
    with aws_error("InvalidParameterException", "Invalid challenge EMAIL_OTP for SELECT_CHALLENGE."):
        respond(cognito, client_id, selection, ANSWER="EMAIL_OTP")
    # A preferred challenge the user cannot use: the choice instead.
    assert start(cognito, client_id, PREFERRED_CHALLENGE="EMAIL_OTP")["ChallengeName"] == "SELECT_CHALLENGE"


# -- the MFA rows ------------------------------------------------------------------------------------
def enable_sms_mfa(cognito, pool_id, mode):
    cognito.set_user_pool_mfa_config(UserPoolId=pool_id, MfaConfiguration=mode,
                                     SmsMfaConfiguration={"SmsConfiguration": SMS_CONFIGURATION})


def test_mfa_follows_a_password_first_factor_and_codes_are_withdrawn(server, cognito):
    """OPTIONAL pool, user with SMS MFA enabled: PASSWORD → SMS_MFA (the same decision as
    USER_PASSWORD_AUTH); the passwordless codes are not offered to a user with MFA."""
    pool_id, client_id = setup(cognito)
    enable_sms_mfa(cognito, pool_id, "OPTIONAL")
    cognito.admin_set_user_mfa_preference(UserPoolId=pool_id, Username="alice", SMSMfaSettings={"Enabled": True})
    selection = start(cognito, client_id)
    assert selection["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP"]
    mfa = respond(cognito, client_id, selection, ANSWER="PASSWORD", PASSWORD=PASSWORD)
    assert mfa["ChallengeName"] == "SMS_MFA"
    result = respond(cognito, client_id, mfa, SMS_MFA_CODE=last_code(server, pool_id, "alice"))
    assert "AccessToken" in result["AuthenticationResult"]


def test_required_mfa_applies_after_the_password(server, cognito):
    """ON pools refuse code first factors (SetUserPoolMfaConfig), so only the password is offered."""
    pool_id, client_id = setup(cognito)
    with aws_error("InvalidParameterException",
                   "Only PASSWORD and WEB_AUTHN (if configured) can be enabled as an auth factor if MFA is enabled"):
        enable_sms_mfa(cognito, pool_id, "ON")
    pool_id, client_id = setup(cognito, factors=["PASSWORD"])
    enable_sms_mfa(cognito, pool_id, "ON")
    selection = start(cognito, client_id)
    assert selection["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP"]
    assert start(cognito, client_id, PREFERRED_CHALLENGE="PASSWORD", PASSWORD=PASSWORD)["ChallengeName"] == "SMS_MFA"


def test_no_mfa_after_a_code_first_factor_in_an_optional_pool(server, cognito):
    """OPTIONAL pool, the user has enabled no factor: EMAIL_OTP gives tokens straight away."""
    pool_id, client_id = setup(cognito)
    enable_sms_mfa(cognito, pool_id, "OPTIONAL")
    challenge = start(cognito, client_id, PREFERRED_CHALLENGE="EMAIL_OTP")
    result = respond(cognito, client_id, challenge, EMAIL_OTP_CODE=last_code(server, pool_id, "alice"))
    assert "AccessToken" in result["AuthenticationResult"]


# -- configuration ------------------------------------------------------------------------------------
def test_client_without_allow_user_auth(server, cognito):
    pool_id, client_id = setup(cognito, flows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    with aws_error("InvalidParameterException", "USER_AUTH flow not enabled for this client"):
        start(cognito, client_id)


def test_passwordless_needs_essentials_or_plus(server, cognito):
    with aws_error("FeatureUnavailableInTierException",
                   "The following features need to be disabled for the LITE pricing tier configured: Passwordless Sign-In"):
        setup(cognito, tier="LITE")
    pool_id = cognito.create_user_pool(PoolName=unique_name("lite"), UserPoolTier="LITE")["UserPool"]["Id"]
    with aws_error("FeatureUnavailableInTierException",
                   "The following features need to be disabled for the LITE pricing tier configured: Passwordless Sign-In"):
        cognito.update_user_pool(UserPoolId=pool_id, UserPoolTier="LITE",
                                 Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP"]}})


def test_admin_initiate_auth_user_auth(server, cognito):
    pool_id, client_id = setup(cognito)
    selection = cognito.admin_initiate_auth(UserPoolId=pool_id, ClientId=client_id, AuthFlow="USER_AUTH",
                                            AuthParameters={"USERNAME": "alice"})
    assert selection["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP"]
    result = cognito.admin_respond_to_auth_challenge(
        UserPoolId=pool_id, ClientId=client_id, ChallengeName="SELECT_CHALLENGE", Session=selection["Session"],
        ChallengeResponses={"USERNAME": "alice", "ANSWER": "PASSWORD", "PASSWORD": PASSWORD})
    assert "AccessToken" in result["AuthenticationResult"]


def test_preferred_password_srp_with_srp_a(server, cognito):
    """As Amplify sends it: InitiateAuth USER_AUTH with PREFERRED_CHALLENGE=PASSWORD_SRP and SRP_A."""
    pool_id, client_id = setup(cognito)
    helper = AWSSRP("alice", PASSWORD, pool_id, client_id, client=cognito)
    verifier = start(cognito, client_id, PREFERRED_CHALLENGE="PASSWORD_SRP", SRP_A=long_to_hex(helper.large_a_value))
    assert verifier["ChallengeName"] == "PASSWORD_VERIFIER"
    claim = helper.process_challenge(verifier["ChallengeParameters"], {"USERNAME": "alice"})
    result = cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=claim)
    assert "AccessToken" in result["AuthenticationResult"]
