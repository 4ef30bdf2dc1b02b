"""SetUserPoolMfaConfig and GetUserPoolMfaConfig through boto3.

Behaviour reference: docs/spec.md section 1 (rules of 1.5 in their order) and the
section 9 rows 1-7, 16, 18, 19, 21. Each rule has its own tests; messages are compared to the letter.
"""
from __future__ import annotations

import pytest

from e2e import (DEVELOPER_EMAIL_CONFIGURATION, POOL_ID_PATTERN_CONSTRAINT, RECOVERY_ADMIN_ONLY, RECOVERY_EMAIL_ONLY,
                 RECOVERY_PHONE_FIRST, SMS_CONFIGURATION, aws_error, create_email_mfa_ready_pool,
                 create_pool, post, strip_meta, validation_message)

TURN_OFF_AND_CONFIGURE = "Invalid MFA configuration given, can't turn off MFA and configure an MFA together."
NO_FACTOR = "Invalid MFA Configuration given. SMS MFA, Email MFA, or Software Token MFA must be enabled."
SMS_INCOMPLETE = "Invalid SMS MFA configuration given, external id and a valid caller arn are required"
EMAIL_MFA_LITE = "The following features need to be disabled for the LITE pricing tier configured: Email MFA"
EMAIL_MFA_COGNITO_DEFAULT = ("Cannot set EmailMfaConfiguration when user pool EmailConfiguration contains an "
                             "EmailSendingAccount of COGNITO_DEFAULT.")
EMAIL_MFA_RECOVERY = ("Cannot set EmailMfaConfiguration when user pool AccountRecoverySetting is not set or "
                      "contains only verified_email in RecoveryMechanisms.")
PASSWORDLESS_WITH_MFA_ON = ("Only PASSWORD and WEB_AUTHN (if configured) can be enabled as an auth factor if MFA "
                            "is enabled")
WEBAUTHN_SINGLE_FACTOR = ("Cannot set WebAuthn factor configuration to SINGLE_FACTOR if MFA is required and "
                          "WebAuthn is an allowed first auth factor")

TOTP_ON = {"Enabled": True}
EMAIL_MFA = {"Message": "Your sign-in code is {####}", "Subject": "Sign-in code"}
WEBAUTHN = {"RelyingPartyId": "auth.example.com", "UserVerification": "preferred"}


def get(client, pool_id) -> dict:
    return strip_meta(client.get_user_pool_mfa_config(UserPoolId=pool_id))


def set_mfa(client, pool_id, **kwargs) -> dict:
    return strip_meta(client.set_user_pool_mfa_config(UserPoolId=pool_id, **kwargs))


def describe_mode(client, pool_id) -> str:
    return client.describe_user_pool(UserPoolId=pool_id)["UserPool"]["MfaConfiguration"]


# -- 1.3 / 1.6: fresh pool, response shape ----------------------------------------------------------
def test_fresh_pool_get_is_exactly_off(cognito):
    pool = create_pool(cognito)
    assert get(cognito, pool["Id"]) == {"MfaConfiguration": "OFF"}


def test_fresh_pool_get_raw_body(server, cognito):
    pool = create_pool(cognito)
    r = post(server, "GetUserPoolMfaConfig", {"UserPoolId": pool["Id"]})
    assert r.status == 200, r
    assert r.json() == {"MfaConfiguration": "OFF"}


def test_totp_only_pool_raw_body_omits_other_factors(server, cognito):
    # Spec 1.3 [M: FLOCI-SETMFA-TEST]: only configured factors are returned.
    pool = create_pool(cognito)
    body = {"UserPoolId": pool["Id"], "MfaConfiguration": "OPTIONAL", "SoftwareTokenMfaConfiguration": TOTP_ON}
    r = post(server, "SetUserPoolMfaConfig", body)
    assert r.status == 200, r
    expected = {"SoftwareTokenMfaConfiguration": {"Enabled": True}, "MfaConfiguration": "OPTIONAL"}
    assert r.json() == expected
    r = post(server, "GetUserPoolMfaConfig", {"UserPoolId": pool["Id"]})
    assert r.json() == expected


# -- 1.5 rule 1: model validation -----------------------------------------------------------------
def test_rule1_bad_mfa_enum(cognito):
    pool = create_pool(cognito)
    with aws_error("InvalidParameterException", validation_message(
            "false", "mfaConfiguration", "Member must satisfy enum value set: [OPTIONAL, OFF, ON]")):
        cognito.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="false")


def test_rule1_sms_template_without_placeholder(cognito):
    pool = create_pool(cognito, SmsConfiguration=SMS_CONFIGURATION)
    with aws_error("InvalidParameterException", validation_message(
            "Your code is 1234", "smsMfaConfiguration.smsAuthenticationMessage",
            r"Member must satisfy regular expression pattern: .*\{####\}.*")):
        cognito.set_user_pool_mfa_config(
            UserPoolId=pool["Id"], MfaConfiguration="OPTIONAL",
            SmsMfaConfiguration={"SmsAuthenticationMessage": "Your code is 1234", "SmsConfiguration": SMS_CONFIGURATION})


def test_rule1_email_message_without_placeholder(cognito):
    pool = create_email_mfa_ready_pool(cognito)
    pattern = r"[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*\{####\}[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*"
    with aws_error("InvalidParameterException", validation_message(
            "Hello there", "emailMfaConfiguration.message",
            f"Member must satisfy regular expression pattern: {pattern}")):
        cognito.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="OPTIONAL",
                                         EmailMfaConfiguration={"Message": "Hello there", "Subject": "Code"})


def test_rule1_missing_user_pool_id(server):
    client = server.client(validate=False)
    with aws_error("InvalidParameterException", validation_message(
            None, "userPoolId", "Member must not be null")):
        client.get_user_pool_mfa_config()


def test_rule1_malformed_pool_id(cognito):
    with aws_error("InvalidParameterException",
                   validation_message("pool", "userPoolId", POOL_ID_PATTERN_CONSTRAINT)):
        cognito.set_user_pool_mfa_config(UserPoolId="pool", MfaConfiguration="OFF")


def test_rule1_validation_before_pool_lookup(cognito):
    with aws_error("InvalidParameterException", validation_message(
            "SOMETIMES", "mfaConfiguration", "Member must satisfy enum value set: [OPTIONAL, OFF, ON]")):
        cognito.set_user_pool_mfa_config(UserPoolId="us-east-1_AAAAAAAAA", MfaConfiguration="SOMETIMES")


# -- rule 2: pool lookup --------------------------------------------------------------------------
def test_rule2_unknown_pool_set_and_get(cognito):
    pid = "us-east-1_ZZZZZZZZZ"
    with aws_error("ResourceNotFoundException", f"User pool {pid} does not exist."):
        cognito.set_user_pool_mfa_config(UserPoolId=pid, MfaConfiguration="OPTIONAL",
                                         SoftwareTokenMfaConfiguration=TOTP_ON)
    with aws_error("ResourceNotFoundException", f"User pool {pid} does not exist."):
        cognito.get_user_pool_mfa_config(UserPoolId=pid)


def test_rule2_lookup_before_sms_sanity(cognito):
    pid = "us-east-1_ZZZZZZZZY"
    with aws_error("ResourceNotFoundException", f"User pool {pid} does not exist."):
        cognito.set_user_pool_mfa_config(UserPoolId=pid, MfaConfiguration="OPTIONAL",
                                         SmsMfaConfiguration={"SmsAuthenticationMessage": "Code {####}"})


def test_deleted_pool_is_not_found(cognito):
    pool = create_pool(cognito)
    cognito.delete_user_pool(UserPoolId=pool["Id"])
    with aws_error("ResourceNotFoundException", f"User pool {pool['Id']} does not exist."):
        cognito.get_user_pool_mfa_config(UserPoolId=pool["Id"])


# -- rule 3: SMS block sanity (section 9 row 6) --------------------------------------------------
@pytest.mark.parametrize("mode", ["ON", "OPTIONAL"])
def test_rule3_sms_block_without_sms_configuration_on_pool_without_one(cognito, mode):
    pool = create_pool(cognito)
    with aws_error("InvalidParameterException", SMS_INCOMPLETE):
        cognito.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration=mode,
                                         SmsMfaConfiguration={"SmsAuthenticationMessage": "Code {####}"})
    assert get(cognito, pool["Id"]) == {"MfaConfiguration": "OFF"}


def test_rule3_empty_sms_block_on_pool_without_sms_configuration(cognito):
    pool = create_pool(cognito)
    with aws_error("InvalidParameterException", SMS_INCOMPLETE):
        cognito.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="OPTIONAL",
                                         SmsMfaConfiguration={})


def test_rule3_runs_before_off_check(cognito):
    # FLOCI-2831 observed the SMS message with OFF as well: rule 3 precedes rule 4.
    pool = create_pool(cognito)
    with aws_error("InvalidParameterException", SMS_INCOMPLETE):
        cognito.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="OFF",
                                         SmsMfaConfiguration={"SmsAuthenticationMessage": "Code {####}"})


def test_row6_sms_block_reuses_pool_sms_configuration(cognito):
    pool = create_pool(cognito, SmsConfiguration=SMS_CONFIGURATION)
    assert get(cognito, pool["Id"]) == {"MfaConfiguration": "OFF"}
    resp = set_mfa(cognito, pool["Id"], MfaConfiguration="OPTIONAL",
                   SmsMfaConfiguration={"SmsAuthenticationMessage": "Code {####}"})
    assert resp["MfaConfiguration"] == "OPTIONAL"
    assert resp["SmsMfaConfiguration"]["SmsConfiguration"] == SMS_CONFIGURATION
    assert resp["SmsMfaConfiguration"]["SmsAuthenticationMessage"] == "Code {####}"
    assert get(cognito, pool["Id"]) == resp


# -- rule 4: OFF with a factor block ----------------------------------------------------------------
@pytest.mark.parametrize("block", [
    {"SoftwareTokenMfaConfiguration": {"Enabled": True}},
    {"SoftwareTokenMfaConfiguration": {"Enabled": False}},
    {"EmailMfaConfiguration": EMAIL_MFA},
], ids=["totp-true", "totp-false", "email"])
def test_rule4_off_with_factor_block(cognito, block):
    pool = create_email_mfa_ready_pool(cognito)
    with aws_error("InvalidParameterException", TURN_OFF_AND_CONFIGURE):
        cognito.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="OFF", **block)


def test_rule4_off_with_sms_block_on_pool_with_sms_configuration(cognito):
    pool = create_pool(cognito, SmsConfiguration=SMS_CONFIGURATION)
    with aws_error("InvalidParameterException", TURN_OFF_AND_CONFIGURE):
        cognito.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="OFF",
                                         SmsMfaConfiguration={"SmsConfiguration": SMS_CONFIGURATION})


def test_rule4_omitted_mode_counts_as_off(cognito):
    pool = create_pool(cognito)
    with aws_error("InvalidParameterException", TURN_OFF_AND_CONFIGURE):
        cognito.set_user_pool_mfa_config(UserPoolId=pool["Id"], SoftwareTokenMfaConfiguration=TOTP_ON)


def test_rule4_fires_before_email_sending_account_check(cognito):
    pool = create_pool(cognito)  # COGNITO_DEFAULT, no recovery setting
    with aws_error("InvalidParameterException", TURN_OFF_AND_CONFIGURE):
        cognito.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="OFF",
                                         EmailMfaConfiguration=EMAIL_MFA)


def test_rule4_fires_before_tier_check(cognito):
    pool = create_pool(cognito, UserPoolTier="LITE")
    with aws_error("InvalidParameterException", TURN_OFF_AND_CONFIGURE):
        cognito.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="OFF",
                                         EmailMfaConfiguration=EMAIL_MFA)


def test_rule4_off_with_webauthn_is_accepted(cognito):
    pool = create_pool(cognito)
    resp = set_mfa(cognito, pool["Id"], MfaConfiguration="OFF", WebAuthnConfiguration=WEBAUTHN)
    assert resp["MfaConfiguration"] == "OFF"
    for k, v in WEBAUTHN.items():
        assert resp["WebAuthnConfiguration"][k] == v
    assert get(cognito, pool["Id"]) == resp
    assert describe_mode(cognito, pool["Id"]) == "OFF"


# -- rule 5: ON/OPTIONAL without a factor (section 9 rows 1, 2) ------------------------------------
@pytest.mark.parametrize("mode", ["ON", "OPTIONAL"])
def test_rule5_mode_without_factor(cognito, mode):
    pool = create_pool(cognito)
    with aws_error("InvalidParameterException", NO_FACTOR):
        cognito.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration=mode)
    assert get(cognito, pool["Id"]) == {"MfaConfiguration": "OFF"}


def test_rule5_webauthn_does_not_count_as_factor(cognito):
    pool = create_pool(cognito)
    with aws_error("InvalidParameterException", NO_FACTOR):
        cognito.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="ON",
                                         WebAuthnConfiguration=WEBAUTHN)


def test_rule5_no_factor_after_factors_were_configured(cognito):
    pool = create_pool(cognito)
    set_mfa(cognito, pool["Id"], MfaConfiguration="ON", SoftwareTokenMfaConfiguration=TOTP_ON)
    with aws_error("InvalidParameterException", NO_FACTOR):
        cognito.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="OPTIONAL")
    assert get(cognito, pool["Id"]) == {"MfaConfiguration": "ON", "SoftwareTokenMfaConfiguration": TOTP_ON}


def test_row2_on_with_totp_disabled_is_accepted_and_echoed(cognito):
    pool = create_pool(cognito)
    expected = {"MfaConfiguration": "ON", "SoftwareTokenMfaConfiguration": {"Enabled": False}}
    assert set_mfa(cognito, pool["Id"], MfaConfiguration="ON",
                   SoftwareTokenMfaConfiguration={"Enabled": False}) == expected
    assert get(cognito, pool["Id"]) == expected
    assert describe_mode(cognito, pool["Id"]) == "ON"


# -- rule 6: email MFA (section 9 row 4: tier, then COGNITO_DEFAULT, then recovery) ---------------
def test_rule6_lite_tier(cognito):
    pool = create_email_mfa_ready_pool(cognito, UserPoolTier="LITE")
    with aws_error("FeatureUnavailableInTierException", EMAIL_MFA_LITE):
        cognito.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="OPTIONAL",
                                         EmailMfaConfiguration=EMAIL_MFA)


def test_rule6_tier_checked_before_sending_account(cognito):
    pool = create_pool(cognito, UserPoolTier="LITE")  # also COGNITO_DEFAULT and no recovery setting
    with aws_error("FeatureUnavailableInTierException", EMAIL_MFA_LITE):
        cognito.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="ON",
                                         EmailMfaConfiguration=EMAIL_MFA)


def test_rule6_cognito_default_sending_account(cognito):
    pool = create_pool(cognito, AccountRecoverySetting=RECOVERY_PHONE_FIRST)
    with aws_error("InvalidParameterException", EMAIL_MFA_COGNITO_DEFAULT):
        cognito.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="OPTIONAL",
                                         EmailMfaConfiguration=EMAIL_MFA)


def test_rule6_sending_account_checked_before_recovery(cognito):
    pool = create_pool(cognito)  # COGNITO_DEFAULT and no recovery setting
    with aws_error("InvalidParameterException", EMAIL_MFA_COGNITO_DEFAULT):
        cognito.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="OPTIONAL",
                                         EmailMfaConfiguration=EMAIL_MFA)


def test_rule6_recovery_setting_absent(cognito):
    # Section 9 row 19: an omitted AccountRecoverySetting is stored as absent.
    pool = create_pool(cognito, EmailConfiguration=DEVELOPER_EMAIL_CONFIGURATION)
    with aws_error("InvalidParameterException", EMAIL_MFA_RECOVERY):
        cognito.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="OPTIONAL",
                                         EmailMfaConfiguration=EMAIL_MFA)


def test_rule6_recovery_setting_only_verified_email(cognito):
    pool = create_pool(cognito, EmailConfiguration=DEVELOPER_EMAIL_CONFIGURATION,
                       AccountRecoverySetting=RECOVERY_EMAIL_ONLY)
    with aws_error("InvalidParameterException", EMAIL_MFA_RECOVERY):
        cognito.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="ON",
                                         EmailMfaConfiguration=EMAIL_MFA)


@pytest.mark.parametrize("tier", ["ESSENTIALS", "PLUS"])
def test_rule6_email_mfa_accepted_with_developer_and_recovery(cognito, tier):
    pool = create_email_mfa_ready_pool(cognito, UserPoolTier=tier)
    expected = {"MfaConfiguration": "OPTIONAL", "EmailMfaConfiguration": EMAIL_MFA}
    assert set_mfa(cognito, pool["Id"], MfaConfiguration="OPTIONAL", EmailMfaConfiguration=EMAIL_MFA) == expected
    assert get(cognito, pool["Id"]) == expected
    assert describe_mode(cognito, pool["Id"]) == "OPTIONAL"


def test_rule6_email_mfa_counts_as_factor_for_on(cognito):
    pool = create_email_mfa_ready_pool(cognito)
    expected = {"MfaConfiguration": "ON", "EmailMfaConfiguration": EMAIL_MFA,
                "SoftwareTokenMfaConfiguration": TOTP_ON}
    assert set_mfa(cognito, pool["Id"], MfaConfiguration="ON", EmailMfaConfiguration=EMAIL_MFA,
                   SoftwareTokenMfaConfiguration=TOTP_ON) == expected
    assert get(cognito, pool["Id"]) == expected


# -- rule 8: MFA ON vs passwordless first factors --------------------------------------------------
@pytest.mark.parametrize("factor", ["EMAIL_OTP", "SMS_OTP"])
def test_rule8_on_rejected_with_otp_first_factor(cognito, factor):
    pool = create_email_mfa_ready_pool(
        cognito, SmsConfiguration=SMS_CONFIGURATION,
        Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", factor]}})
    with aws_error("InvalidParameterException", PASSWORDLESS_WITH_MFA_ON):
        cognito.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="ON",
                                         SoftwareTokenMfaConfiguration=TOTP_ON)
    # OPTIONAL is accepted
    assert set_mfa(cognito, pool["Id"], MfaConfiguration="OPTIONAL", SoftwareTokenMfaConfiguration=TOTP_ON) == {
        "MfaConfiguration": "OPTIONAL", "SoftwareTokenMfaConfiguration": TOTP_ON}


def test_rule8_webauthn_first_factor_needs_multi_factor_when_on(cognito):
    pool = create_pool(cognito, Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "WEB_AUTHN"]}})
    with aws_error("InvalidParameterException", WEBAUTHN_SINGLE_FACTOR):
        cognito.set_user_pool_mfa_config(
            UserPoolId=pool["Id"], MfaConfiguration="ON", SoftwareTokenMfaConfiguration=TOTP_ON,
            WebAuthnConfiguration={**WEBAUTHN, "FactorConfiguration": "SINGLE_FACTOR"})
    webauthn = {**WEBAUTHN, "FactorConfiguration": "MULTI_FACTOR_WITH_USER_VERIFICATION"}
    resp = set_mfa(cognito, pool["Id"], MfaConfiguration="ON", SoftwareTokenMfaConfiguration=TOTP_ON,
                   WebAuthnConfiguration=webauthn)
    assert resp["MfaConfiguration"] == "ON"
    assert resp["WebAuthnConfiguration"] == webauthn


# -- rule 9: any well-formed SMS role is accepted ---------------------------------------------------
def test_rule9_sms_mfa_with_new_sms_configuration(cognito):
    pool = create_pool(cognito)
    sms = {"SmsAuthenticationMessage": "Your code: {####}",
           "SmsConfiguration": {**SMS_CONFIGURATION, "SnsRegion": "us-west-2"}}
    expected = {"MfaConfiguration": "OPTIONAL", "SmsMfaConfiguration": sms,
                "SoftwareTokenMfaConfiguration": TOTP_ON}
    assert set_mfa(cognito, pool["Id"], MfaConfiguration="OPTIONAL", SmsMfaConfiguration=sms,
                   SoftwareTokenMfaConfiguration=TOTP_ON) == expected
    assert get(cognito, pool["Id"]) == expected
    # spec 1.6: the SMS configuration is shared with the pool
    d = cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    assert d["SmsConfiguration"] == sms["SmsConfiguration"]
    assert d["MfaConfiguration"] == "OPTIONAL"


# -- rule 10 / 1.4: persist, echo, full replace ----------------------------------------------------
ECHO_CASES = {
    "off": dict(MfaConfiguration="OFF"),
    "optional-totp": dict(MfaConfiguration="OPTIONAL", SoftwareTokenMfaConfiguration=TOTP_ON),
    "on-totp": dict(MfaConfiguration="ON", SoftwareTokenMfaConfiguration=TOTP_ON),
    "on-sms-totp": dict(MfaConfiguration="ON", SoftwareTokenMfaConfiguration=TOTP_ON,
                        SmsMfaConfiguration={"SmsAuthenticationMessage": "Code {####}",
                                             "SmsConfiguration": SMS_CONFIGURATION}),
    "optional-all": dict(MfaConfiguration="OPTIONAL", SoftwareTokenMfaConfiguration=TOTP_ON,
                         SmsMfaConfiguration={"SmsConfiguration": SMS_CONFIGURATION},
                         EmailMfaConfiguration=EMAIL_MFA,
                         WebAuthnConfiguration={**WEBAUTHN, "FactorConfiguration": "SINGLE_FACTOR"}),
}


@pytest.mark.parametrize("case", sorted(ECHO_CASES))
def test_set_response_echoes_what_get_returns(cognito, case):
    pool = create_email_mfa_ready_pool(cognito, AccountRecoverySetting=RECOVERY_ADMIN_ONLY)
    request = ECHO_CASES[case]
    resp = set_mfa(cognito, pool["Id"], **request)
    assert resp == get(cognito, pool["Id"])
    for key, value in request.items():
        if key == "WebAuthnConfiguration":
            for k, v in value.items():
                assert resp[key][k] == v
        else:
            assert resp[key] == value, key
    assert describe_mode(cognito, pool["Id"]) == request["MfaConfiguration"]


def test_full_replace_drops_factor_not_resent(cognito):
    pool = create_pool(cognito, SmsConfiguration=SMS_CONFIGURATION)
    set_mfa(cognito, pool["Id"], MfaConfiguration="OPTIONAL", SoftwareTokenMfaConfiguration=TOTP_ON,
            SmsMfaConfiguration={"SmsConfiguration": SMS_CONFIGURATION})
    assert "SmsMfaConfiguration" in get(cognito, pool["Id"])
    expected = {"MfaConfiguration": "OPTIONAL", "SoftwareTokenMfaConfiguration": TOTP_ON}
    assert set_mfa(cognito, pool["Id"], MfaConfiguration="OPTIONAL", SoftwareTokenMfaConfiguration=TOTP_ON) == expected
    assert get(cognito, pool["Id"]) == expected


def test_omitted_mode_resets_pool_to_off(cognito):
    # Spec 1.4 [M: CDKD-PROVIDER]: a request with only UserPoolId turns an ON+TOTP pool OFF.
    pool = create_pool(cognito)
    set_mfa(cognito, pool["Id"], MfaConfiguration="ON", SoftwareTokenMfaConfiguration=TOTP_ON)
    assert set_mfa(cognito, pool["Id"]) == {"MfaConfiguration": "OFF"}
    assert get(cognito, pool["Id"]) == {"MfaConfiguration": "OFF"}
    assert describe_mode(cognito, pool["Id"]) == "OFF"


def test_on_to_off_via_set(cognito):
    pool = create_pool(cognito)
    set_mfa(cognito, pool["Id"], MfaConfiguration="ON", SoftwareTokenMfaConfiguration=TOTP_ON)
    assert describe_mode(cognito, pool["Id"]) == "ON"
    assert set_mfa(cognito, pool["Id"], MfaConfiguration="OFF") == {"MfaConfiguration": "OFF"}
    assert get(cognito, pool["Id"]) == {"MfaConfiguration": "OFF"}
    assert describe_mode(cognito, pool["Id"]) == "OFF"


def test_describe_always_agrees_with_get(cognito):
    pool = create_email_mfa_ready_pool(cognito, SmsConfiguration=SMS_CONFIGURATION,
                                       AccountRecoverySetting=RECOVERY_ADMIN_ONLY)
    steps = [
        dict(MfaConfiguration="OPTIONAL", SoftwareTokenMfaConfiguration=TOTP_ON),
        dict(MfaConfiguration="ON", SoftwareTokenMfaConfiguration=TOTP_ON),
        dict(MfaConfiguration="OFF"),
        dict(MfaConfiguration="ON", SmsMfaConfiguration={"SmsConfiguration": SMS_CONFIGURATION}),
        dict(MfaConfiguration="OPTIONAL", EmailMfaConfiguration=EMAIL_MFA),
        dict(),
    ]
    for step in steps:
        set_mfa(cognito, pool["Id"], **step)
        assert describe_mode(cognito, pool["Id"]) == get(cognito, pool["Id"])["MfaConfiguration"], step


# -- section 9 row 3: WebAuthn omitted on Set is kept ------------------------------------------------
def test_row3_webauthn_kept_when_omitted(cognito):
    pool = create_pool(cognito)
    assert "WebAuthnConfiguration" not in get(cognito, pool["Id"])
    first = set_mfa(cognito, pool["Id"], MfaConfiguration="OFF", WebAuthnConfiguration=WEBAUTHN)
    webauthn = first["WebAuthnConfiguration"]
    after = set_mfa(cognito, pool["Id"], MfaConfiguration="OPTIONAL", SoftwareTokenMfaConfiguration=TOTP_ON)
    assert after["WebAuthnConfiguration"] == webauthn
    assert get(cognito, pool["Id"]) == {"MfaConfiguration": "OPTIONAL", "SoftwareTokenMfaConfiguration": TOTP_ON,
                                         "WebAuthnConfiguration": webauthn}
    assert set_mfa(cognito, pool["Id"], MfaConfiguration="OFF")["WebAuthnConfiguration"] == webauthn


# -- section 9 row 5: Set does not clear the pool SmsConfiguration ---------------------------------
def test_row5_set_off_keeps_pool_sms_configuration(cognito):
    pool = create_pool(cognito, SmsConfiguration=SMS_CONFIGURATION, SmsAuthenticationMessage="Code {####}")
    set_mfa(cognito, pool["Id"], MfaConfiguration="OPTIONAL",
            SmsMfaConfiguration={"SmsConfiguration": SMS_CONFIGURATION})
    assert set_mfa(cognito, pool["Id"], MfaConfiguration="OFF") == {"MfaConfiguration": "OFF"}
    d = cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    assert d["SmsConfiguration"] == SMS_CONFIGURATION
    assert d["MfaConfiguration"] == "OFF"
    assert get(cognito, pool["Id"]) == {"MfaConfiguration": "OFF"}


def test_row5_totp_only_set_keeps_pool_sms_configuration(cognito):
    pool = create_pool(cognito, MfaConfiguration="ON", SmsConfiguration=SMS_CONFIGURATION)
    assert set_mfa(cognito, pool["Id"], MfaConfiguration="ON", SoftwareTokenMfaConfiguration=TOTP_ON) == {
        "MfaConfiguration": "ON", "SoftwareTokenMfaConfiguration": TOTP_ON}
    assert cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["SmsConfiguration"] == SMS_CONFIGURATION


# -- section 9 rows 16 and 21 are in test_protocol.py ------------------------------------------------
