"""CreateUserPool, DescribeUserPool, UpdateUserPool, DeleteUserPool, ListUserPools through boto3.

Behaviour reference: docs/spec.md sections 2, 5, 6 and 9 (rows 7, 18, 19).
"""
from __future__ import annotations

import datetime
import re

import pytest

from e2e import (ARN_RE, DEVELOPER_EMAIL_CONFIGURATION, POOL_ID_PATTERN_CONSTRAINT, POOL_ID_RE,
                 RECOVERY_PHONE_FIRST, SMS_CONFIGURATION, aws_error, create_pool, post, strip_meta,
                 unique_name, validation_message)

NOW_SLACK = datetime.timedelta(minutes=5)
MFA_NEEDS_SMS = ("SMS configuration and Auto verification for phone_number are required when MFA is "
                 "required/optional")
# Real AWS CLI output quoted in https://github.com/localstack/localstack/issues/11947 (2024-11, against AWS:
# "An error occurred (InvalidParameterException) when calling the DeleteUserPool operation: The user pool
# cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.")
# and again, measured with AWS CLI 2.36.7, in https://github.com/floci-io/floci/issues/3948 and PR #3961.
# The developer guide (user-pool-settings-deletion-protection.html) documents the InvalidParameterException type.
DELETION_PROTECTED = ("The user pool cannot be deleted because deletion protection is activated. "
                      "Deletion protection must be inactivated first.")


def not_found(pool_id: str) -> str:
    return f"User pool {pool_id} does not exist."


def assert_recent(ts):
    assert isinstance(ts, datetime.datetime), f"expected a datetime, got {ts!r}"
    now = datetime.datetime.now(datetime.timezone.utc)
    assert abs(now - ts) < NOW_SLACK, f"{ts} is not close to now ({now})"


# -- CreateUserPool / DescribeUserPool ------------------------------------------------------------
def test_create_user_pool_returns_aws_shaped_pool(cognito):
    name = unique_name("shape")
    pool = cognito.create_user_pool(PoolName=name)["UserPool"]
    assert re.match(POOL_ID_RE.format(region="us-east-1"), pool["Id"]), pool["Id"]
    assert re.match(ARN_RE.format(region="us-east-1", pool_id=re.escape(pool["Id"])), pool["Arn"]), pool["Arn"]
    assert pool["Name"] == name
    assert_recent(pool["CreationDate"])
    assert_recent(pool["LastModifiedDate"])
    assert pool["CreationDate"] <= pool["LastModifiedDate"]
    assert pool["MfaConfiguration"] == "OFF"


def test_create_user_pool_defaults(cognito):
    pool = create_pool(cognito)
    assert pool["UserPoolTier"] == "ESSENTIALS"  # spec 1.8: default ESSENTIALS when omitted
    assert pool["EmailConfiguration"] == {"EmailSendingAccount": "COGNITO_DEFAULT"}
    pp = pool["Policies"]["PasswordPolicy"]
    assert pp["MinimumLength"] == 8
    assert pp["RequireUppercase"] is True
    assert pp["RequireLowercase"] is True
    assert pp["RequireNumbers"] is True
    assert pp["RequireSymbols"] is True
    assert pp["TemporaryPasswordValidityDays"] == 7
    # Developer guide, user-pool-settings-deletion-protection: "When you create a user pool with the
    # CreateUserPool API, deletion protection is inactive by default."
    assert pool["DeletionProtection"] == "INACTIVE"
    # Section 9 row 19: an omitted AccountRecoverySetting is stored as absent.
    assert "AccountRecoverySetting" not in pool


def test_describe_user_pool_matches_create(cognito):
    created = create_pool(cognito)
    described = cognito.describe_user_pool(UserPoolId=created["Id"])["UserPool"]
    assert described == created


def test_describe_user_pool_timestamps_are_epoch_numbers_on_the_wire(server, cognito):
    pool = create_pool(cognito)
    r = post(server, "DescribeUserPool", {"UserPoolId": pool["Id"]})
    assert r.status == 200, r
    up = r.json()["UserPool"]
    # Spec 5.2 / 9: timestamps are epoch seconds as JSON numbers.
    for key in ("CreationDate", "LastModifiedDate"):
        assert isinstance(up[key], (int, float)) and not isinstance(up[key], bool), up[key]
    assert up["MfaConfiguration"] == "OFF"


def test_region_comes_from_sigv4_credential_scope(server):
    eu = server.client(region="eu-west-1")
    pool = create_pool(eu)
    assert re.match(POOL_ID_RE.format(region="eu-west-1"), pool["Id"]), pool["Id"]
    assert re.match(ARN_RE.format(region="eu-west-1", pool_id=re.escape(pool["Id"])), pool["Arn"]), pool["Arn"]
    assert eu.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["Arn"] == pool["Arn"]


def test_create_user_pool_with_tier_and_deletion_protection(cognito):
    pool = create_pool(cognito, UserPoolTier="PLUS", DeletionProtection="ACTIVE")
    assert pool["UserPoolTier"] == "PLUS"
    assert pool["DeletionProtection"] == "ACTIVE"
    # leave nothing protected behind
    cognito.update_user_pool(UserPoolId=pool["Id"], DeletionProtection="INACTIVE")


def test_create_user_pool_mfa_on_without_sms_configuration_is_rejected(cognito):
    with aws_error("InvalidParameterException", MFA_NEEDS_SMS):
        cognito.create_user_pool(PoolName=unique_name(), MfaConfiguration="ON")


def test_create_user_pool_mfa_optional_without_sms_configuration_is_rejected(cognito):
    with aws_error("InvalidParameterException", MFA_NEEDS_SMS):
        cognito.create_user_pool(PoolName=unique_name(), MfaConfiguration="OPTIONAL")


def test_create_user_pool_mfa_on_with_sms_configuration_enables_sms_factor(cognito):
    # Section 9 rows 7 and 18: an SmsConfiguration suffices (auto-verification not required), and the
    # SMS factor is then reported by GetUserPoolMfaConfig.
    pool = create_pool(cognito, MfaConfiguration="ON", SmsConfiguration=SMS_CONFIGURATION,
                       SmsAuthenticationMessage="Your code is {####}")
    assert pool["MfaConfiguration"] == "ON"
    assert pool["SmsConfiguration"] == SMS_CONFIGURATION
    assert pool["SmsAuthenticationMessage"] == "Your code is {####}"
    got = strip_meta(cognito.get_user_pool_mfa_config(UserPoolId=pool["Id"]))
    assert got == {
        "MfaConfiguration": "ON",
        "SmsMfaConfiguration": {"SmsAuthenticationMessage": "Your code is {####}",
                                "SmsConfiguration": SMS_CONFIGURATION},
    }


def test_create_user_pool_optional_with_sms_configuration_without_message(cognito):
    pool = create_pool(cognito, MfaConfiguration="OPTIONAL", SmsConfiguration=SMS_CONFIGURATION)
    got = strip_meta(cognito.get_user_pool_mfa_config(UserPoolId=pool["Id"]))
    assert got == {"MfaConfiguration": "OPTIONAL", "SmsMfaConfiguration": {"SmsConfiguration": SMS_CONFIGURATION}}
    assert cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["MfaConfiguration"] == "OPTIONAL"


def test_create_user_pool_sms_mfa_with_phone_recovery_is_rejected(cognito):
    # Spec 1.5 rule 7 [R: CDK-11478, seen on create through CloudFormation].
    with aws_error("InvalidParameterException",
                   "Invalid account recovery setting parameter. Account Recovery Setting cannot use "
                   "verified_phone_number as a recovery mechanism when SMS MFA is configured."):
        cognito.create_user_pool(
            PoolName=unique_name(), MfaConfiguration="ON", SmsConfiguration=SMS_CONFIGURATION,
            AccountRecoverySetting={"RecoveryMechanisms": [{"Name": "verified_phone_number", "Priority": 1}]})


def test_create_user_pool_bad_mfa_enum(cognito):
    with aws_error("InvalidParameterException", validation_message(
            "false", "mfaConfiguration", "Member must satisfy enum value set: [OPTIONAL, OFF, ON]")):
        cognito.create_user_pool(PoolName=unique_name(), MfaConfiguration="false")


# -- validate and echo ------------------------------------------------------------------------------
def test_schema_custom_attribute_is_stored_with_custom_prefix(cognito):
    pool = create_pool(cognito, Schema=[{
        "Name": "tenant", "AttributeDataType": "String", "Mutable": True, "Required": False,
        "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "64"}}])
    attrs = {a["Name"]: a for a in pool["SchemaAttributes"]}
    assert "sub" in attrs and "email" in attrs  # the standard attributes are always listed
    custom = attrs["custom:tenant"]
    assert custom["AttributeDataType"] == "String"
    assert custom["Mutable"] is True
    assert custom["StringAttributeConstraints"] == {"MinLength": "1", "MaxLength": "64"}
    described = cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    assert described["SchemaAttributes"] == pool["SchemaAttributes"]


def test_username_attributes_are_echoed(cognito):
    pool = create_pool(cognito, UsernameAttributes=["email"], AutoVerifiedAttributes=["email"])
    d = cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    assert d["UsernameAttributes"] == ["email"]
    assert d["AutoVerifiedAttributes"] == ["email"]


def test_alias_attributes_are_echoed(cognito):
    pool = create_pool(cognito, AliasAttributes=["email", "preferred_username"])
    d = cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    assert sorted(d["AliasAttributes"]) == ["email", "preferred_username"]


def test_many_settings_are_stored_and_echoed(cognito):
    settings = dict(
        AccountRecoverySetting=RECOVERY_PHONE_FIRST,
        SmsAuthenticationMessage="Code: {####}",
        SmsConfiguration=SMS_CONFIGURATION,
        UserPoolAddOns={"AdvancedSecurityMode": "OFF"},
        VerificationMessageTemplate={"DefaultEmailOption": "CONFIRM_WITH_CODE",
                                     "EmailMessage": "Your code is {####}", "EmailSubject": "Verify"},
        AdminCreateUserConfig={"AllowAdminCreateUserOnly": True},
        DeviceConfiguration={"ChallengeRequiredOnNewDevice": True, "DeviceOnlyRememberedOnUserPrompt": False},
        UserPoolTags={"team": "e2e", "env": "test"},
        EmailConfiguration=DEVELOPER_EMAIL_CONFIGURATION,
    )
    pool = create_pool(cognito, **settings)
    described = cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    for up in (pool, described):
        assert up["AccountRecoverySetting"] == RECOVERY_PHONE_FIRST
        assert up["SmsAuthenticationMessage"] == "Code: {####}"
        assert up["SmsConfiguration"] == SMS_CONFIGURATION
        assert up["UserPoolAddOns"]["AdvancedSecurityMode"] == "OFF"
        for k, v in settings["VerificationMessageTemplate"].items():
            assert up["VerificationMessageTemplate"][k] == v
        assert up["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is True
        assert up["DeviceConfiguration"] == settings["DeviceConfiguration"]
        assert up["UserPoolTags"] == settings["UserPoolTags"]
        for k, v in DEVELOPER_EMAIL_CONFIGURATION.items():
            assert up["EmailConfiguration"][k] == v


# -- DeleteUserPool -------------------------------------------------------------------------------
def test_delete_user_pool(cognito):
    pool = create_pool(cognito)
    resp = cognito.delete_user_pool(UserPoolId=pool["Id"])
    assert resp["ResponseMetadata"]["HTTPStatusCode"] == 200
    with aws_error("ResourceNotFoundException", not_found(pool["Id"])):
        cognito.describe_user_pool(UserPoolId=pool["Id"])
    with aws_error("ResourceNotFoundException", not_found(pool["Id"])):
        cognito.delete_user_pool(UserPoolId=pool["Id"])


def test_deletion_protection_blocks_delete_until_inactivated(cognito):
    pool = create_pool(cognito, DeletionProtection="ACTIVE")
    with aws_error("InvalidParameterException", DELETION_PROTECTED):
        cognito.delete_user_pool(UserPoolId=pool["Id"])
    assert cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["Id"] == pool["Id"]
    cognito.update_user_pool(UserPoolId=pool["Id"], DeletionProtection="INACTIVE")
    cognito.delete_user_pool(UserPoolId=pool["Id"])
    with aws_error("ResourceNotFoundException", not_found(pool["Id"])):
        cognito.describe_user_pool(UserPoolId=pool["Id"])


def test_deletion_protection_activated_by_update(cognito):
    pool = create_pool(cognito)
    cognito.update_user_pool(UserPoolId=pool["Id"], DeletionProtection="ACTIVE")
    with aws_error("InvalidParameterException", DELETION_PROTECTED):
        cognito.delete_user_pool(UserPoolId=pool["Id"])
    cognito.update_user_pool(UserPoolId=pool["Id"], DeletionProtection="INACTIVE")
    cognito.delete_user_pool(UserPoolId=pool["Id"])


# -- unknown and malformed pool ids ----------------------------------------------------------------
POOL_ID_OPS = {
    "describe_user_pool": {},
    "update_user_pool": {},
    "delete_user_pool": {},
    "get_user_pool_mfa_config": {},
    "set_user_pool_mfa_config": {"MfaConfiguration": "OFF"},
}


@pytest.mark.parametrize("op", sorted(POOL_ID_OPS))
def test_unknown_pool_is_resource_not_found(cognito, op):
    pool_id = "us-east-1_AAAAAAAAA"
    with aws_error("ResourceNotFoundException", not_found(pool_id)):
        getattr(cognito, op)(UserPoolId=pool_id, **POOL_ID_OPS[op])


@pytest.mark.parametrize("op", sorted(POOL_ID_OPS))
@pytest.mark.parametrize("bad_id", ["not-a-pool-id", "us-east-1_abc!"])
def test_malformed_pool_id_is_validation_error(cognito, op, bad_id):
    with aws_error("InvalidParameterException",
                   validation_message(bad_id, "userPoolId", POOL_ID_PATTERN_CONSTRAINT)):
        getattr(cognito, op)(UserPoolId=bad_id, **POOL_ID_OPS[op])


def test_pool_id_longer_than_55_is_validation_error(server):
    client = server.client(validate=False)
    bad = "us-east-1_" + "a" * 46  # 56 characters, matches the pattern
    with aws_error("InvalidParameterException", validation_message(
            bad, "userPoolId", "Member must have length less than or equal to 55")):
        client.describe_user_pool(UserPoolId=bad)


# -- UpdateUserPool -------------------------------------------------------------------------------
def test_update_user_pool_changes_fields_and_last_modified(cognito):
    pool = create_pool(cognito)
    cognito.update_user_pool(UserPoolId=pool["Id"], SmsAuthenticationMessage="New {####}",
                             UserPoolTags={"k": "v"})
    d = cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    assert d["SmsAuthenticationMessage"] == "New {####}"
    assert d["UserPoolTags"] == {"k": "v"}
    assert d["CreationDate"] == pool["CreationDate"]
    assert d["LastModifiedDate"] >= pool["LastModifiedDate"]
    assert d["Name"] == pool["Name"]


def test_update_user_pool_keeps_mfa_configuration_when_omitted(cognito):
    # Spec 2 [M: CDKD-PROVIDER]: a pool at ON with TOTP stays ON in Get and Describe.
    pool = create_pool(cognito)
    cognito.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="ON",
                                     SoftwareTokenMfaConfiguration={"Enabled": True})
    cognito.update_user_pool(UserPoolId=pool["Id"], UserPoolTags={"a": "b"})
    assert cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["MfaConfiguration"] == "ON"
    assert strip_meta(cognito.get_user_pool_mfa_config(UserPoolId=pool["Id"])) == {
        "MfaConfiguration": "ON", "SoftwareTokenMfaConfiguration": {"Enabled": True}}


def test_update_user_pool_explicit_off_resets_mfa(cognito):
    pool = create_pool(cognito)
    cognito.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="ON",
                                     SoftwareTokenMfaConfiguration={"Enabled": True})
    cognito.update_user_pool(UserPoolId=pool["Id"], MfaConfiguration="OFF")
    assert cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["MfaConfiguration"] == "OFF"
    assert cognito.get_user_pool_mfa_config(UserPoolId=pool["Id"])["MfaConfiguration"] == "OFF"


def test_update_user_pool_resets_auto_verified_attributes_when_omitted(cognito):
    pool = create_pool(cognito, AutoVerifiedAttributes=["email"])
    assert pool["AutoVerifiedAttributes"] == ["email"]
    cognito.update_user_pool(UserPoolId=pool["Id"], UserPoolTags={"a": "b"})
    d = cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    assert d.get("AutoVerifiedAttributes", []) == []


def test_update_user_pool_keeps_tags_when_omitted(cognito):
    # [I] The Terraform provider updates pools without UserPoolTags (tags change through TagResource)
    # and plans clean against AWS afterwards, so omitted tags are kept; sent tags replace them.
    pool = create_pool(cognito, UserPoolTags={"team": "identity"})
    cognito.update_user_pool(UserPoolId=pool["Id"], AutoVerifiedAttributes=["email"])
    assert cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["UserPoolTags"] == {"team": "identity"}
    cognito.update_user_pool(UserPoolId=pool["Id"], UserPoolTags={"a": "b"})
    assert cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["UserPoolTags"] == {"a": "b"}


def test_update_user_pool_keeps_policies_when_omitted(cognito):
    policy = {"MinimumLength": 12, "RequireUppercase": False, "RequireLowercase": True,
              "RequireNumbers": False, "RequireSymbols": False, "TemporaryPasswordValidityDays": 3}
    pool = create_pool(cognito, Policies={"PasswordPolicy": policy})
    cognito.update_user_pool(UserPoolId=pool["Id"], UserPoolTags={"a": "b"})
    pp = cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["Policies"]["PasswordPolicy"]
    for k, v in policy.items():
        assert pp[k] == v, k


def test_update_user_pool_changes_policies_when_sent(cognito):
    pool = create_pool(cognito)
    policy = {"MinimumLength": 10, "RequireUppercase": True, "RequireLowercase": False,
              "RequireNumbers": True, "RequireSymbols": False, "TemporaryPasswordValidityDays": 2}
    cognito.update_user_pool(UserPoolId=pool["Id"], Policies={"PasswordPolicy": policy})
    pp = cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["Policies"]["PasswordPolicy"]
    for k, v in policy.items():
        assert pp[k] == v, k


@pytest.mark.parametrize("tier", ["LITE", "PLUS"])
def test_update_user_pool_never_changes_tier_unless_sent(cognito, tier):
    pool = create_pool(cognito, UserPoolTier=tier)
    cognito.update_user_pool(UserPoolId=pool["Id"], UserPoolTags={"a": "b"})
    assert cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["UserPoolTier"] == tier
    cognito.update_user_pool(UserPoolId=pool["Id"], UserPoolTier="ESSENTIALS")
    assert cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["UserPoolTier"] == "ESSENTIALS"


@pytest.mark.parametrize("mode", ["ON", "OPTIONAL"])
def test_update_user_pool_mfa_without_sms_configuration_is_rejected(cognito, mode):
    pool = create_pool(cognito)
    with aws_error("InvalidParameterException", MFA_NEEDS_SMS):
        cognito.update_user_pool(UserPoolId=pool["Id"], MfaConfiguration=mode)
    assert cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["MfaConfiguration"] == "OFF"


def test_update_user_pool_mfa_with_sms_configuration(cognito):
    # Section 9 rows 7 and 18.
    pool = create_pool(cognito)
    cognito.update_user_pool(UserPoolId=pool["Id"], MfaConfiguration="OPTIONAL",
                             SmsConfiguration=SMS_CONFIGURATION)
    assert cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["MfaConfiguration"] == "OPTIONAL"
    assert strip_meta(cognito.get_user_pool_mfa_config(UserPoolId=pool["Id"])) == {
        "MfaConfiguration": "OPTIONAL", "SmsMfaConfiguration": {"SmsConfiguration": SMS_CONFIGURATION}}


# -- ListUserPools --------------------------------------------------------------------------------
def test_list_user_pools_pages_every_pool_exactly_once(fresh_server):
    client = fresh_server.client()
    ids = {create_pool(client)["Id"] for _ in range(7)}
    seen: list[str] = []
    page_sizes = []
    kwargs = {"MaxResults": 3}
    for _ in range(10):
        resp = client.list_user_pools(**kwargs)
        page = resp["UserPools"]
        page_sizes.append(len(page))
        for p in page:
            assert set(p) >= {"Id", "Name", "CreationDate", "LastModifiedDate"}, p
            assert_recent(p["CreationDate"])
        seen += [p["Id"] for p in page]
        if "NextToken" not in resp:
            break
        kwargs["NextToken"] = resp["NextToken"]
    assert sorted(seen) == sorted(ids), "every pool exactly once"
    assert page_sizes == [3, 3, 1]


def test_list_user_pools_shows_names_and_max_60(fresh_server):
    client = fresh_server.client()
    pool = create_pool(client)
    resp = client.list_user_pools(MaxResults=60)
    assert [(p["Id"], p["Name"]) for p in resp["UserPools"]] == [(pool["Id"], pool["Name"])]
    assert "NextToken" not in resp
    client.delete_user_pool(UserPoolId=pool["Id"])
    assert client.list_user_pools(MaxResults=1)["UserPools"] == []


@pytest.mark.parametrize("value,constraint", [
    # Coral range messages from Cognito: aws/aws-cli#3866 ("Value '0' at 'maxResults' failed to satisfy
    # constraint: Member must have value greater than or equal to 1", ListIdentityProviders) and
    # boto/boto3#1356 ("Value '100' at 'limit' failed to satisfy constraint: Member must have value less than
    # or equal to 60", ListUsers).
    (0, "Member must have value greater than or equal to 1"),
    (61, "Member must have value less than or equal to 60"),
])
def test_list_user_pools_max_results_range(server, value, constraint):
    client = server.client(validate=False)  # botocore would refuse 0 itself
    with aws_error("InvalidParameterException", validation_message(value, "maxResults", constraint)):
        client.list_user_pools(MaxResults=value)


def test_update_user_pool_mfa_with_stored_sms_configuration(cognito):
    # Section 9 row 7: the SmsConfiguration may be "sent or already stored".
    pool = create_pool(cognito, SmsConfiguration=SMS_CONFIGURATION)
    cognito.update_user_pool(UserPoolId=pool["Id"], MfaConfiguration="ON")
    d = cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    assert d["MfaConfiguration"] == "ON"
    assert strip_meta(cognito.get_user_pool_mfa_config(UserPoolId=pool["Id"])) == {
        "MfaConfiguration": "ON", "SmsMfaConfiguration": {"SmsConfiguration": SMS_CONFIGURATION}}


def test_list_user_pools_lists_only_the_pools_of_the_request_region(fresh_server):
    """AWS lists the pools of the region the request is signed for (its SigV4 credential scope)."""
    east, west = fresh_server.client("us-east-1"), fresh_server.client("eu-west-1")
    east_ids = {create_pool(east)["Id"] for _ in range(2)}
    west_ids = {create_pool(west)["Id"] for _ in range(3)}
    assert {p["Id"] for p in east.list_user_pools(MaxResults=60)["UserPools"]} == east_ids
    assert {p["Id"] for p in west.list_user_pools(MaxResults=60)["UserPools"]} == west_ids
    first = west.list_user_pools(MaxResults=2)
    rest = west.list_user_pools(MaxResults=2, NextToken=first["NextToken"])
    assert {p["Id"] for p in first["UserPools"] + rest["UserPools"]} == west_ids and "NextToken" not in rest
    unsigned = post(fresh_server, "ListUserPools", {"MaxResults": 60})  # no credential scope: --region
    assert {p["Id"] for p in unsigned.json()["UserPools"]} == east_ids
