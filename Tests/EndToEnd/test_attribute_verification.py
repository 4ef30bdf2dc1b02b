"""Attribute verification and administrator password resets through boto3:
GetUserAttributeVerificationCode, VerifyUserAttribute, AttributesRequireVerificationBeforeUpdate
(the old value stays until the new one is verified), DeleteUserAttributes, AdminResetUserPassword,
and a phone number verified this way making the user eligible for SMS MFA. Codes come from
/_mock/messages."""
from __future__ import annotations

from e2e import (RECOVERY_ADMIN_ONLY, SMS_CONFIGURATION, attr_dict, aws_error, get_messages, last_code,
                 unique_name)
from test_sign_in import PASSWORD, make_user, sign_in

FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
# [R] apps matching these texts (see CognitoErrors+Users.swift)
CODE_MISMATCH = ("CodeMismatchException", "Invalid verification code provided, please try again.")
EXPIRED_CODE = ("ExpiredCodeException", "Invalid code provided, please request a code again.")
# [R-weak] amplify-js#3652
NOT_VERIFIABLE = ("InvalidParameterException", "invalid attribute name. Only phone_number and email can be verified")
# [A] see AuthErrors.swift
RESET_REQUIRED = ("PasswordResetRequiredException", "Password reset required for the user")
# [R] ForgotPassword for FORCE_CHANGE_PASSWORD users; the same for AdminResetUserPassword [I]
CANNOT_RESET = ("NotAuthorizedException", "User password cannot be reset in the current state.")
UNAUTHORIZED_WRITE = ("NotAuthorizedException", "A client attempted to write unauthorized attribute")
KEEP_EMAIL = {"AttributesRequireVerificationBeforeUpdate": ["email"]}


def pool_with_client(cognito, **pool_args):
    pool_id = cognito.create_user_pool(PoolName=unique_name("verify"), **pool_args)["UserPool"]["Id"]
    client_id = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app",
                                                ExplicitAuthFlows=FLOWS)["UserPoolClient"]["ClientId"]
    return pool_id, client_id


def attributes(cognito, pool_id, username="alice"):
    return attr_dict(cognito.admin_get_user(UserPoolId=pool_id, Username=username)["UserAttributes"])


def test_get_code_then_verify_email(server, cognito):
    pool_id, client_id = pool_with_client(cognito)
    make_user(cognito, pool_id)  # alice@example.com, not verified
    token = sign_in(cognito, client_id)["AuthenticationResult"]["AccessToken"]
    sent = cognito.get_user_attribute_verification_code(AccessToken=token, AttributeName="email")
    assert sent["CodeDeliveryDetails"] == {"Destination": "a***@e***.com", "DeliveryMedium": "EMAIL",
                                           "AttributeName": "email"}
    message = get_messages(server, pool_id, "alice")[-1]
    assert message["channel"] == "EMAIL" and message["destination"] == "alice@example.com"
    wrong = "000000" if message["code"] != "000000" else "111111"
    with aws_error(*CODE_MISMATCH):
        cognito.verify_user_attribute(AccessToken=token, AttributeName="email", Code=wrong)
    assert "email_verified" not in attributes(cognito, pool_id)
    cognito.verify_user_attribute(AccessToken=token, AttributeName="email", Code=message["code"])
    assert attributes(cognito, pool_id)["email_verified"] == "true"
    with aws_error(*EXPIRED_CODE):  # a code works once
        cognito.verify_user_attribute(AccessToken=token, AttributeName="email", Code=message["code"])

    for name in ("name", "custom:x"):
        with aws_error(*NOT_VERIFIABLE):
            cognito.get_user_attribute_verification_code(AccessToken=token, AttributeName=name)
        with aws_error(*NOT_VERIFIABLE):
            cognito.verify_user_attribute(AccessToken=token, AttributeName=name, Code="123456")
    with aws_error("InvalidParameterException", "The user does not have a phone_number attribute to verify."):
        cognito.get_user_attribute_verification_code(AccessToken=token, AttributeName="phone_number")
    with aws_error("NotAuthorizedException", "Invalid Access Token"):
        cognito.get_user_attribute_verification_code(AccessToken="garbage", AttributeName="email")


def test_update_waits_for_verification_when_the_pool_says_so(server, cognito):
    pool_id, client_id = pool_with_client(cognito, AliasAttributes=["email"], AutoVerifiedAttributes=["email"],
                                          UserAttributeUpdateSettings=KEEP_EMAIL)
    make_user(cognito, pool_id, email_verified="true")
    token = sign_in(cognito, client_id)["AuthenticationResult"]["AccessToken"]
    answer = cognito.update_user_attributes(AccessToken=token, UserAttributes=[
        {"Name": "email", "Value": "new@example.org"}, {"Name": "name", "Value": "Alice"}])
    assert answer["CodeDeliveryDetailsList"] == [
        {"Destination": "n***@e***.org", "DeliveryMedium": "EMAIL", "AttributeName": "email"}]
    message = get_messages(server, pool_id, "alice")[-1]
    assert message["destination"] == "new@example.org"
    # The old, verified address stays (and signs in); other attributes change at once.
    before = attributes(cognito, pool_id)
    assert (before["email"], before["email_verified"], before["name"]) == ("alice@example.com", "true", "Alice")
    assert attr_dict(cognito.get_user(AccessToken=token)["UserAttributes"])["email"] == "alice@example.com"
    sign_in(cognito, client_id, username="alice@example.com")
    # Asking again resends to the new address.
    cognito.get_user_attribute_verification_code(AccessToken=token, AttributeName="email")
    resent = get_messages(server, pool_id, "alice")[-1]
    assert resent["destination"] == "new@example.org" and resent["code"]
    cognito.verify_user_attribute(AccessToken=token, AttributeName="email", Code=resent["code"])
    after = attributes(cognito, pool_id)
    assert (after["email"], after["email_verified"]) == ("new@example.org", "true")
    sign_in(cognito, client_id, username="new@example.org")
    with aws_error("UserNotFoundException", "User does not exist."):  # the old address is no alias any more
        sign_in(cognito, client_id, username="alice@example.com")

    # The administrator applies a new value at once by setting email_verified with it.
    cognito.admin_update_user_attributes(UserPoolId=pool_id, Username="alice", UserAttributes=[
        {"Name": "email", "Value": "third@example.net"}, {"Name": "email_verified", "Value": "true"}])
    assert attributes(cognito, pool_id)["email"] == "third@example.net"
    # Without it, the administrator's change waits for verification too.
    cognito.admin_update_user_attributes(UserPoolId=pool_id, Username="alice", UserAttributes=[
        {"Name": "email", "Value": "fourth@example.net"}])
    assert attributes(cognito, pool_id)["email"] == "third@example.net"
    assert get_messages(server, pool_id, "alice")[-1]["destination"] == "fourth@example.net"


def test_without_the_setting_the_value_changes_at_once(server, cognito):
    pool_id, client_id = pool_with_client(cognito, AutoVerifiedAttributes=["email"])
    make_user(cognito, pool_id, email_verified="true")
    token = sign_in(cognito, client_id)["AuthenticationResult"]["AccessToken"]
    cognito.update_user_attributes(AccessToken=token, UserAttributes=[{"Name": "email", "Value": "new@example.org"}])
    now = attributes(cognito, pool_id)
    assert (now["email"], now["email_verified"]) == ("new@example.org", "false")
    cognito.verify_user_attribute(AccessToken=token, AttributeName="email", Code=last_code(server, pool_id, "alice"))
    assert attributes(cognito, pool_id)["email_verified"] == "true"


def test_delete_user_attributes(server, cognito):
    pool_id = cognito.create_user_pool(PoolName=unique_name("verify"))["UserPool"]["Id"]
    client_id = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=FLOWS,
                                                WriteAttributes=["name", "email"])["UserPoolClient"]["ClientId"]
    make_user(cognito, pool_id, name="Alice", nickname="Al", email_verified="true")
    token = sign_in(cognito, client_id)["AuthenticationResult"]["AccessToken"]
    assert cognito.delete_user_attributes(AccessToken=token, UserAttributeNames=["name", "email"])[
        "ResponseMetadata"]["HTTPStatusCode"] == 200
    left = attributes(cognito, pool_id)
    assert "name" not in left and "email" not in left and "email_verified" not in left and left["nickname"] == "Al"
    with aws_error(*UNAUTHORIZED_WRITE):
        cognito.delete_user_attributes(AccessToken=token, UserAttributeNames=["nickname"])
    with aws_error("InvalidParameterException", "Cannot modify the non-mutable attribute sub"):
        cognito.delete_user_attributes(AccessToken=token, UserAttributeNames=["sub"])
    with aws_error("InvalidParameterException", "user.custom:nope: Attribute does not exist in the schema.\n"):
        cognito.delete_user_attributes(AccessToken=token, UserAttributeNames=["custom:nope"])


def test_admin_reset_user_password(server, cognito):
    pool_id, client_id = pool_with_client(cognito, AutoVerifiedAttributes=["email"])
    make_user(cognito, pool_id, email_verified="true")
    assert cognito.admin_reset_user_password(UserPoolId=pool_id, Username="alice")["ResponseMetadata"][
        "HTTPStatusCode"] == 200
    assert cognito.admin_get_user(UserPoolId=pool_id, Username="alice")["UserStatus"] == "RESET_REQUIRED"
    message = get_messages(server, pool_id, "alice")[-1]
    assert message["channel"] == "EMAIL" and message["destination"] == "alice@example.com" and message["code"]
    with aws_error(*RESET_REQUIRED):
        sign_in(cognito, client_id)
    cognito.confirm_forgot_password(ClientId=client_id, Username="alice", ConfirmationCode=message["code"],
                                    Password="N3w-Passw0rd!")
    assert cognito.admin_get_user(UserPoolId=pool_id, Username="alice")["UserStatus"] == "CONFIRMED"
    assert "AccessToken" in sign_in(cognito, client_id, password="N3w-Passw0rd!")["AuthenticationResult"]

    # No verified channel: the status changes, nothing is sent; ForgotPassword cannot help either.
    make_user(cognito, pool_id, "bob")
    sent_before = len(get_messages(server, pool_id, "bob"))
    cognito.admin_reset_user_password(UserPoolId=pool_id, Username="bob")
    assert cognito.admin_get_user(UserPoolId=pool_id, Username="bob")["UserStatus"] == "RESET_REQUIRED"
    assert len(get_messages(server, pool_id, "bob")) == sent_before
    with aws_error(*RESET_REQUIRED):
        sign_in(cognito, client_id, username="bob")
    # An administrator's new password ends the reset.
    cognito.admin_set_user_password(UserPoolId=pool_id, Username="bob", Password=PASSWORD, Permanent=True)
    assert "AccessToken" in sign_in(cognito, client_id, username="bob")["AuthenticationResult"]

    make_user(cognito, pool_id, "carol", permanent=False)
    with aws_error(*CANNOT_RESET):
        cognito.admin_reset_user_password(UserPoolId=pool_id, Username="carol")
    with aws_error("UserNotFoundException", "User does not exist."):
        cognito.admin_reset_user_password(UserPoolId=pool_id, Username="nobody")


def test_a_verified_phone_number_makes_the_user_eligible_for_sms_mfa(server, cognito):
    pool_id, client_id = pool_with_client(
        cognito, SmsConfiguration=SMS_CONFIGURATION, AutoVerifiedAttributes=["phone_number"],
        AccountRecoverySetting=RECOVERY_ADMIN_ONLY,
        UserAttributeUpdateSettings={"AttributesRequireVerificationBeforeUpdate": ["phone_number"]})
    make_user(cognito, pool_id)
    token = sign_in(cognito, client_id)["AuthenticationResult"]["AccessToken"]  # MFA still OFF
    answer = cognito.update_user_attributes(AccessToken=token, UserAttributes=[{"Name": "phone_number", "Value": "+15555550123"}])
    assert answer["CodeDeliveryDetailsList"] == [
        {"Destination": "+*******0123", "DeliveryMedium": "SMS", "AttributeName": "phone_number"}]
    code = last_code(server, pool_id, "alice")
    cognito.set_user_pool_mfa_config(UserPoolId=pool_id, MfaConfiguration="ON",
                                     SmsMfaConfiguration={"SmsConfiguration": SMS_CONFIGURATION})
    # The number waits for verification: nothing to send a code to yet.
    assert sign_in(cognito, client_id)["ChallengeName"] == "MFA_SETUP"
    cognito.verify_user_attribute(AccessToken=token, AttributeName="phone_number", Code=code)
    assert attributes(cognito, pool_id)["phone_number_verified"] == "true"
    challenge = sign_in(cognito, client_id)
    assert challenge["ChallengeName"] == "SMS_MFA"
    assert challenge["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"] == "+*******0123"
    sms = get_messages(server, pool_id, "alice")[-1]
    assert sms["channel"] == "SMS" and sms["destination"] == "+15555550123"
    result = cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName="SMS_MFA", Session=challenge["Session"],
                                               ChallengeResponses={"USERNAME": "alice", "SMS_MFA_CODE": sms["code"]})
    assert "AccessToken" in result["AuthenticationResult"]
