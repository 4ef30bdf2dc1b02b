"""Users through boto3: the admin operations, ListUsers, the sign-up family, the outbox and restarts.

Every error is asserted with its exact Code, Message and HTTP status; the evidence for each text is
next to it (the same evidence is kept in Sources/CognitoIdentityProvider/Support/CognitoErrors.swift).
Codes and temporary passwords are read from GET /_mock/messages.
"""
from __future__ import annotations

import datetime
import re

import pytest

from e2e import (attr_dict, attrs, aws_error, create_pool, create_user, get_messages, last_code, list_all_users,
                 post)

UUID_RE = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"

# [R] https://github.com/amazon-archives/amazon-cognito-auth-js/issues/168
USER_NOT_FOUND = ("UserNotFoundException", "User does not exist.")
# [R] https://github.com/localstack/localstack/issues/4465 (AdminCreateUser against AWS, 2021)
ACCOUNT_EXISTS = ("UsernameExistsException", "User account already exists")
# [R] https://github.com/boto/boto3/issues/3836 (AdminCreateUser, email-as-username pool, 2023)
SHOULD_BE_EMAIL = ("InvalidParameterException", "Username should be an email.")
# [R] public infrastructure notes quoting AWS: "Username should be a phone number" (final period [I])
SHOULD_BE_PHONE = ("InvalidParameterException", "Username should be a phone number.")
# [R] apps matching "UsernameExistsException:An account with the given email already exists."
EMAIL_EXISTS = ("UsernameExistsException", "An account with the given email already exists.")
# [R] code recording AWS's answer to AdminCreateUser / UpdateUserAttributes with `sub`
SUB_IMMUTABLE = ("InvalidParameterException", "Cannot modify the non-mutable attribute sub")
# [R] UpdateUserAttributes answer quoted in a public write-up ("user.update_email: Attribute does not
# exist in the schema.\n")
def not_in_schema_update(name):
    return ("InvalidParameterException", f"user.{name}: Attribute does not exist in the schema.\n")
# [R] https://github.com/aws/aws-sdk-php/issues/1088, https://github.com/aws/aws-aspnet-cognito-identity-provider/issues/235
FILTER_ERROR = ("InvalidParameterException", "Error while parsing filter.")
# [R] https://github.com/furaiev/amazon-cognito-identity-dart-2/issues/80 (status filled in for others [I])
def cannot_confirm(status):
    return ("NotAuthorizedException", f"User cannot be confirmed. Current status is {status}")
# [R] apps matching "Invalid email address format." (InvalidParameterException)
INVALID_EMAIL = ("InvalidParameterException", "Invalid email address format.")
# [I] emulator texts only; no AWS capture found
def resend_not_possible(name):
    return ("UnsupportedUserStateException", f"Resend not possible. {name} status is not FORCE_CHANGE_PASSWORD")
# [R] https://github.com/data-dot-all/dataall/issues/690 (AdminCreateUser prefix)
ADMIN_CREATE_POLICY = "Password did not conform with password policy: "
# [R] apps matching "Password does not conform to policy: ..." (ConfirmForgotPassword / NEW_PASSWORD_REQUIRED);
# used for AdminSetUserPassword by choice [I]
RESET_POLICY = "Password does not conform to policy: "
# [D] ListUsers Filter doc; [R] spec 1.5 rule 2 for the pool text
def pool_not_found(pool_id):
    return ("ResourceNotFoundException", f"User pool {pool_id} does not exist.")


def assert_recent(ts):
    now = datetime.datetime.now(datetime.timezone.utc)
    assert abs(now - ts) < datetime.timedelta(minutes=5), ts


# -- AdminCreateUser ----------------------------------------------------------------------------------
def test_admin_create_user_answers_user_type_like_the_cli_example(cognito):
    pool = create_pool(cognito)
    user = create_user(cognito, pool["Id"], "diego",
                       UserAttributes=attrs(email="diego@example.com", phone_number="+15555551212"))
    # awscli examples/cognito-idp/admin-create-user.rst: sub, phone_number, email (Java HashMap order)
    assert [a["Name"] for a in user["Attributes"]] == ["sub", "phone_number", "email"]
    assert re.match(UUID_RE, attr_dict(user["Attributes"])["sub"])
    assert user["Username"] == "diego"
    assert user["Enabled"] is True
    assert user["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    assert user["UserCreateDate"] == user["UserLastModifiedDate"]
    assert_recent(user["UserCreateDate"])
    assert set(user) == {"Username", "Attributes", "UserCreateDate", "UserLastModifiedDate", "Enabled", "UserStatus"}


def test_admin_create_user_on_the_wire_uses_epoch_numbers(server, cognito):
    pool = create_pool(cognito)
    r = post(server, "AdminCreateUser", {"UserPoolId": pool["Id"], "Username": "w", "MessageAction": "SUPPRESS"})
    assert r.status == 200, r
    user = r.json()["User"]
    assert isinstance(user["UserCreateDate"], (int, float)) and not isinstance(user["UserCreateDate"], bool)


def test_admin_create_user_sends_invitations_with_the_temporary_password(server, cognito):
    pool = create_pool(cognito)
    cognito.admin_create_user(UserPoolId=pool["Id"], Username="ann", TemporaryPassword="Temp-pass1",
                              UserAttributes=attrs(email="ann@example.com", phone_number="+15555550100"),
                              DesiredDeliveryMediums=["EMAIL", "SMS"])
    sent = get_messages(server, pool["Id"], "ann")
    assert [(m["channel"], m["destination"], m["code"]) for m in sent] == [
        ("EMAIL", "ann@example.com", "Temp-pass1"), ("SMS", "+15555550100", "Temp-pass1")]
    # Default invitation texts [D: AWS CDK UserInvitationConfig defaults]
    assert sent[0]["message"] == "Your username is ann and temporary password is Temp-pass1."
    assert sent[1]["message"] == "Your username is ann and temporary password is Temp-pass1"
    assert sent[0]["sentAt"] <= sent[1]["sentAt"]


def test_admin_create_user_uses_the_pool_invitation_template(server, cognito):
    pool = create_pool(cognito, AdminCreateUserConfig={"InviteMessageTemplate": {
        "EmailMessage": "Hi {username}, use {####}", "EmailSubject": "Welcome", "SMSMessage": "{username}: {####}"}})
    cognito.admin_create_user(UserPoolId=pool["Id"], Username="tpl", UserAttributes=attrs(email="t@example.com"),
                              DesiredDeliveryMediums=["EMAIL"])
    [message] = get_messages(server, pool["Id"], "tpl")
    assert message["message"] == f"Hi tpl, use {message['code']}"


def test_admin_create_user_generates_a_password_meeting_the_policy(server, cognito):
    pool = create_pool(cognito, Policies={"PasswordPolicy": {
        "MinimumLength": 16, "RequireUppercase": True, "RequireLowercase": True, "RequireNumbers": True,
        "RequireSymbols": True}})
    cognito.admin_create_user(UserPoolId=pool["Id"], Username="gen", UserAttributes=attrs(phone_number="+15555550101"))
    # DesiredDeliveryMediums defaults to SMS [D: BOTO]
    [message] = get_messages(server, pool["Id"], "gen")
    password = message["code"]
    assert message["channel"] == "SMS"
    assert len(password) >= 16
    assert re.search("[A-Z]", password) and re.search("[a-z]", password) and re.search("[0-9]", password)
    assert re.search(r"[^A-Za-z0-9]", password)
    # the generated password is the user's password: AdminSetUserPassword to it passes the policy too
    cognito.admin_set_user_password(UserPoolId=pool["Id"], Username="gen", Password=password, Permanent=True)


def test_admin_create_user_suppress_sends_nothing(server, cognito):
    pool = create_pool(cognito)
    create_user(cognito, pool["Id"], "quiet", UserAttributes=attrs(email="q@example.com"),
                DesiredDeliveryMediums=["EMAIL"])
    assert get_messages(server, pool["Id"]) == []


def test_admin_create_user_existing_username(cognito):
    pool = create_pool(cognito)
    create_user(cognito, pool["Id"], "dup")
    with aws_error(*ACCOUNT_EXISTS):
        create_user(cognito, pool["Id"], "dup")


def test_admin_create_user_weak_temporary_password(cognito):
    pool = create_pool(cognito)
    with aws_error("InvalidPasswordException", ADMIN_CREATE_POLICY + "Password must have uppercase characters"):
        create_user(cognito, pool["Id"], "weak", TemporaryPassword="lower-case-1")
    with aws_error("InvalidPasswordException", ADMIN_CREATE_POLICY + "Password not long enough"):
        create_user(cognito, pool["Id"], "weak", TemporaryPassword="Ab1!xy")


def test_admin_create_user_attribute_errors(cognito):
    pool = create_pool(cognito)
    with aws_error(*SUB_IMMUTABLE):
        create_user(cognito, pool["Id"], "s", UserAttributes=attrs(sub="abc"))
    with aws_error(*INVALID_EMAIL):
        create_user(cognito, pool["Id"], "s", UserAttributes=attrs(email="nope"))
    # [I] create-operation form of the schema text
    with aws_error("InvalidParameterException",
                   "Attributes did not conform to the schema: custom:nope: Attribute does not exist in the schema.\n"):
        create_user(cognito, pool["Id"], "s", UserAttributes=attrs(custom__nope="1"))


def test_admin_create_user_required_attribute_missing(cognito):
    pool = create_pool(cognito, Schema=[{"Name": "email", "AttributeDataType": "String", "Required": True}])
    # [R] apps matching "Attributes did not conform to the schema: email: The attribute is required"
    with aws_error("InvalidParameterException",
                   "Attributes did not conform to the schema: email: The attribute is required.\n"):
        create_user(cognito, pool["Id"], "r")


def test_admin_create_user_in_email_username_pool(server, cognito):
    pool = create_pool(cognito, UsernameAttributes=["email"])
    user = create_user(cognito, pool["Id"], "jane@example.com")
    sub = attr_dict(user["Attributes"])["sub"]
    # awscli admin-get-user.rst: Username is the UUID for jane@example.com
    assert user["Username"] == sub
    assert attr_dict(user["Attributes"])["email"] == "jane@example.com"
    got = cognito.admin_get_user(UserPoolId=pool["Id"], Username="jane@example.com")
    assert got["Username"] == sub
    assert cognito.admin_get_user(UserPoolId=pool["Id"], Username=sub)["Username"] == sub
    with aws_error(*SHOULD_BE_EMAIL):
        create_user(cognito, pool["Id"], "jane")
    with aws_error(*EMAIL_EXISTS):
        create_user(cognito, pool["Id"], "jane@example.com")


def test_admin_create_user_in_phone_username_pool(cognito):
    pool = create_pool(cognito, UsernameAttributes=["phone_number"])
    user = create_user(cognito, pool["Id"], "+15555550123")
    assert attr_dict(user["Attributes"])["phone_number"] == "+15555550123"
    with aws_error(*SHOULD_BE_PHONE):
        create_user(cognito, pool["Id"], "jane@example.com")


def test_admin_create_user_resend(server, cognito):
    pool = create_pool(cognito)
    with aws_error(*USER_NOT_FOUND):
        cognito.admin_create_user(UserPoolId=pool["Id"], Username="ghost", MessageAction="RESEND")
    cognito.admin_create_user(UserPoolId=pool["Id"], Username="bo", UserAttributes=attrs(email="bo@example.com"),
                              DesiredDeliveryMediums=["EMAIL"])
    first = last_code(server, pool["Id"], "bo")
    again = cognito.admin_create_user(UserPoolId=pool["Id"], Username="bo", MessageAction="RESEND",
                                      DesiredDeliveryMediums=["EMAIL"])["User"]
    assert again["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    second = last_code(server, pool["Id"], "bo")
    assert second != first and len(get_messages(server, pool["Id"], "bo")) == 2
    cognito.admin_set_user_password(UserPoolId=pool["Id"], Username="bo", Password="Perm-pass1", Permanent=True)
    with aws_error(*resend_not_possible("bo")):
        cognito.admin_create_user(UserPoolId=pool["Id"], Username="bo", MessageAction="RESEND")


@pytest.mark.parametrize("op,extra", [
    ("admin_create_user", {"Username": "u"}), ("admin_get_user", {"Username": "u"}),
    ("admin_delete_user", {"Username": "u"}), ("admin_disable_user", {"Username": "u"}),
    ("admin_enable_user", {"Username": "u"}), ("admin_confirm_sign_up", {"Username": "u"}),
    ("admin_set_user_password", {"Username": "u", "Password": "Aa1!aaaa"}),
    ("admin_update_user_attributes", {"Username": "u", "UserAttributes": attrs(name="n")}),
    ("admin_delete_user_attributes", {"Username": "u", "UserAttributeNames": ["name"]}),
    ("list_users", {}),
])
def test_user_operations_on_unknown_pool(cognito, op, extra):
    with aws_error(*pool_not_found("us-east-1_nothere00")):
        getattr(cognito, op)(UserPoolId="us-east-1_nothere00", **extra)


@pytest.mark.parametrize("op,extra", [
    ("admin_get_user", {}), ("admin_delete_user", {}), ("admin_disable_user", {}), ("admin_enable_user", {}),
    ("admin_confirm_sign_up", {}), ("admin_set_user_password", {"Password": "Aa1!aaaa"}),
    ("admin_update_user_attributes", {"UserAttributes": attrs(name="n")}),
    ("admin_delete_user_attributes", {"UserAttributeNames": ["name"]}),
])
def test_admin_operations_on_unknown_user(cognito, op, extra):
    pool = create_pool(cognito)
    with aws_error(*USER_NOT_FOUND):
        getattr(cognito, op)(UserPoolId=pool["Id"], Username="ghost", **extra)


# -- AdminGetUser / AdminDeleteUser / enable / disable / confirm ----------------------------------------
def test_admin_get_user_shape(cognito):
    pool = create_pool(cognito)
    create_user(cognito, pool["Id"], "g", UserAttributes=attrs(
        email="jane@example.com", phone_number="+01115551212", email_verified="true", phone_number_verified="true"))
    got = cognito.admin_get_user(UserPoolId=pool["Id"], Username="g")
    # awscli admin-get-user.rst order; no MFA members for a user without MFA (spec 4.4)
    assert [a["Name"] for a in got["UserAttributes"]] == [
        "sub", "email_verified", "phone_number_verified", "phone_number", "email"]
    assert set(got) - {"ResponseMetadata"} == {
        "Username", "UserAttributes", "UserCreateDate", "UserLastModifiedDate", "Enabled", "UserStatus"}


def test_admin_delete_user(cognito):
    pool = create_pool(cognito)
    create_user(cognito, pool["Id"], "gone")
    cognito.admin_delete_user(UserPoolId=pool["Id"], Username="gone")
    with aws_error(*USER_NOT_FOUND):
        cognito.admin_get_user(UserPoolId=pool["Id"], Username="gone")
    assert cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["EstimatedNumberOfUsers"] == 0


def test_admin_disable_and_enable_user(cognito):
    pool = create_pool(cognito)
    create_user(cognito, pool["Id"], "d")
    cognito.admin_disable_user(UserPoolId=pool["Id"], Username="d")
    assert cognito.admin_get_user(UserPoolId=pool["Id"], Username="d")["Enabled"] is False
    cognito.admin_enable_user(UserPoolId=pool["Id"], Username="d")
    assert cognito.admin_get_user(UserPoolId=pool["Id"], Username="d")["Enabled"] is True


def test_admin_confirm_sign_up_refuses_users_not_unconfirmed(cognito):
    pool = create_pool(cognito)
    create_user(cognito, pool["Id"], "c")
    with aws_error(*cannot_confirm("FORCE_CHANGE_PASSWORD")):
        cognito.admin_confirm_sign_up(UserPoolId=pool["Id"], Username="c")


# -- AdminSetUserPassword -------------------------------------------------------------------------------
def test_admin_set_user_password_permanent_and_temporary(cognito):
    pool = create_pool(cognito)
    create_user(cognito, pool["Id"], "p")
    cognito.admin_set_user_password(UserPoolId=pool["Id"], Username="p", Password="Perm-pass1", Permanent=True)
    assert cognito.admin_get_user(UserPoolId=pool["Id"], Username="p")["UserStatus"] == "CONFIRMED"
    cognito.admin_set_user_password(UserPoolId=pool["Id"], Username="p", Password="Temp-pass2", Permanent=False)
    assert cognito.admin_get_user(UserPoolId=pool["Id"], Username="p")["UserStatus"] == "FORCE_CHANGE_PASSWORD"


@pytest.mark.parametrize("password,rule", [
    ("Ab1!", "Password not long enough"),
    ("abcdefg1!", "Password must have uppercase characters"),
    ("ABCDEFG1!", "Password must have lowercase characters"),
    ("Abcdefgh!", "Password must have numeric characters"),
    ("Abcdefgh1", "Password must have symbol characters"),
])
def test_admin_set_user_password_enforces_each_rule(cognito, password, rule):
    pool = create_pool(cognito)
    create_user(cognito, pool["Id"], "p")
    with aws_error("InvalidPasswordException", RESET_POLICY + rule):
        cognito.admin_set_user_password(UserPoolId=pool["Id"], Username="p", Password=password, Permanent=True)


# -- AdminUpdateUserAttributes / AdminDeleteUserAttributes ---------------------------------------------
def test_admin_update_user_attributes_unverifies_changed_email(server, cognito):
    pool = create_pool(cognito)
    create_user(cognito, pool["Id"], "u", UserAttributes=attrs(email="u@example.com", email_verified="true"))
    before = cognito.admin_get_user(UserPoolId=pool["Id"], Username="u")
    cognito.admin_update_user_attributes(UserPoolId=pool["Id"], Username="u",
                                         UserAttributes=attrs(email="new@example.com", name="U"))
    after = cognito.admin_get_user(UserPoolId=pool["Id"], Username="u")
    values = attr_dict(after["UserAttributes"])
    assert (values["email"], values["email_verified"], values["name"]) == ("new@example.com", "false", "U")
    assert after["UserLastModifiedDate"] >= before["UserLastModifiedDate"]
    cognito.admin_update_user_attributes(UserPoolId=pool["Id"], Username="u",
                                         UserAttributes=attrs(email="third@example.com", email_verified="true"))
    assert attr_dict(cognito.admin_get_user(UserPoolId=pool["Id"], Username="u")["UserAttributes"])[
        "email_verified"] == "true"


def test_admin_update_user_attributes_sends_a_code_when_the_pool_verifies_email(server, cognito):
    pool = create_pool(cognito, AutoVerifiedAttributes=["email"])
    create_user(cognito, pool["Id"], "v", UserAttributes=attrs(email="v@example.com"))
    cognito.admin_update_user_attributes(UserPoolId=pool["Id"], Username="v", UserAttributes=attrs(email="w@example.com"))
    [message] = get_messages(server, pool["Id"], "v")
    assert message["destination"] == "w@example.com" and re.match(r"^[0-9]{6}$", message["code"])
    # spec 6: default verification text "Your verification code is {####}. "
    assert message["message"] == f"Your verification code is {message['code']}. "


def test_admin_update_user_attributes_errors(cognito):
    pool = create_pool(cognito)
    create_user(cognito, pool["Id"], "u")
    with aws_error(*SUB_IMMUTABLE):
        cognito.admin_update_user_attributes(UserPoolId=pool["Id"], Username="u", UserAttributes=attrs(sub="x"))
    with aws_error(*not_in_schema_update("custom:x")):
        cognito.admin_update_user_attributes(UserPoolId=pool["Id"], Username="u", UserAttributes=attrs(custom__x="1"))
    with aws_error(*INVALID_EMAIL):
        cognito.admin_update_user_attributes(UserPoolId=pool["Id"], Username="u", UserAttributes=attrs(email="x"))


def test_admin_delete_user_attributes(cognito):
    pool = create_pool(cognito)
    create_user(cognito, pool["Id"], "u", UserAttributes=attrs(email="u@example.com", email_verified="true", name="N"))
    cognito.admin_delete_user_attributes(UserPoolId=pool["Id"], Username="u", UserAttributeNames=["email", "name"])
    got = cognito.admin_get_user(UserPoolId=pool["Id"], Username="u")
    assert [a["Name"] for a in got["UserAttributes"]] == ["sub"]
    with aws_error(*SUB_IMMUTABLE):
        cognito.admin_delete_user_attributes(UserPoolId=pool["Id"], Username="u", UserAttributeNames=["sub"])
    with aws_error(*not_in_schema_update("custom:x")):
        cognito.admin_delete_user_attributes(UserPoolId=pool["Id"], Username="u", UserAttributeNames=["custom:x"])


# -- ListUsers ----------------------------------------------------------------------------------------
@pytest.fixture
def seven_users(cognito):
    pool = create_pool(cognito)
    for i in range(7):
        create_user(cognito, pool["Id"], f"user{i}", UserAttributes=attrs(
            email=f"user{i}@example.com", given_name="Even" if i % 2 == 0 else "Odd", phone_number=f"+1555555010{i}"))
    cognito.admin_disable_user(UserPoolId=pool["Id"], Username="user3")
    cognito.admin_set_user_password(UserPoolId=pool["Id"], Username="user5", Password="Perm-pass1", Permanent=True)
    return pool["Id"]


def names(users):
    return [u["Username"] for u in users]


def test_list_users_pages_through_everyone_once(cognito, seven_users):
    assert names(list_all_users(cognito, seven_users, Limit=3)) == [f"user{i}" for i in range(7)]
    first = cognito.list_users(UserPoolId=seven_users, Limit=3)
    assert len(first["Users"]) == 3 and "PaginationToken" in first
    everyone = cognito.list_users(UserPoolId=seven_users)
    assert len(everyone["Users"]) == 7 and "PaginationToken" not in everyone


@pytest.mark.parametrize("flt,expected", [
    ('given_name = "Even"', ["user0", "user2", "user4", "user6"]),
    ('email ^= "user1"', ["user1"]),
    ('email = "user2@example.com"', ["user2"]),
    ('phone_number ^= "+155555501"', [f"user{i}" for i in range(7)]),
    ('username = "user4"', ["user4"]),
    ('username ^= "user"', [f"user{i}" for i in range(7)]),
    ('status = "Disabled"', ["user3"]),
    ('status = "disabled"', []),  # case-sensitive [D: BOTO]
    ('cognito:user_status = "confirmed"', ["user5"]),  # case-insensitive [D: BOTO]
    ('given_name = "even"', []),
    ('name = "nobody"', []),
    ('', [f"user{i}" for i in range(7)]),
])
def test_list_users_filters(cognito, seven_users, flt, expected):
    assert names(list_all_users(cognito, seven_users, Filter=flt, Limit=2)) == expected


def test_list_users_filter_on_sub(cognito, seven_users):
    sub = attr_dict(cognito.admin_get_user(UserPoolId=seven_users, Username="user6")["UserAttributes"])["sub"]
    assert names(list_all_users(cognito, seven_users, Filter=f'sub = "{sub}"')) == ["user6"]


@pytest.mark.parametrize("flt", ["email", 'email = user', 'email == "x"', 'custom:tier = "gold"', 'email = "x" junk',
                                 'email = "x'])
def test_list_users_bad_filter(cognito, seven_users, flt):
    with aws_error(*FILTER_ERROR):
        cognito.list_users(UserPoolId=seven_users, Filter=flt)


def test_list_users_attributes_to_get(cognito, seven_users):
    users = cognito.list_users(UserPoolId=seven_users, AttributesToGet=["email", "given_name"], Limit=2)["Users"]
    assert [[a["Name"] for a in u["Attributes"]] for u in users] == [["given_name", "email"]] * 2


def test_list_users_foreign_pagination_token(cognito, seven_users):
    other = create_pool(cognito)
    token = cognito.list_users(UserPoolId=seven_users, Limit=1)["PaginationToken"]
    # [I] see CognitoErrors.invalidPaginationToken
    with aws_error("InvalidParameterException", "Invalid pagination token."):
        cognito.list_users(UserPoolId=other["Id"], PaginationToken=token)


def test_list_users_limit_above_60_is_a_validation_error(cognito, seven_users):
    msg = ("1 validation error detected: Value '61' at 'limit' failed to satisfy constraint: "
           "Member must have value less than or equal to 60")
    with aws_error("InvalidParameterException", msg):
        cognito.list_users(UserPoolId=seven_users, Limit=61)


# -- restarts and the outbox route ---------------------------------------------------------------------
def test_users_and_messages_survive_restart(fresh_server):
    cognito = fresh_server.client()
    pool = create_pool(cognito)
    cognito.admin_create_user(UserPoolId=pool["Id"], Username="keep", UserAttributes=attrs(email="k@example.com"),
                              DesiredDeliveryMediums=["EMAIL"])
    cognito.admin_set_user_password(UserPoolId=pool["Id"], Username="keep", Password="Perm-pass1", Permanent=True)
    before = cognito.admin_get_user(UserPoolId=pool["Id"], Username="keep")
    messages = get_messages(fresh_server, pool["Id"])
    fresh_server.restart()
    cognito = fresh_server.client()
    after = cognito.admin_get_user(UserPoolId=pool["Id"], Username="keep")
    assert {k: v for k, v in after.items() if k != "ResponseMetadata"} == {
        k: v for k, v in before.items() if k != "ResponseMetadata"}
    assert get_messages(fresh_server, pool["Id"]) == messages
    assert names(list_all_users(cognito, pool["Id"])) == ["keep"]


def test_users_survive_kill_9(fresh_server):
    cognito = fresh_server.client()
    pool = create_pool(cognito)
    create_user(cognito, pool["Id"], "durable")
    fresh_server.kill9()
    fresh_server.start()
    assert fresh_server.client().admin_get_user(UserPoolId=pool["Id"], Username="durable")["Username"] == "durable"


def test_messages_route_errors_and_filters(server, cognito):
    pool = create_pool(cognito)
    conn = server.connection()
    conn.request("GET", "/_mock/messages?userPoolId=us-east-1_nothere00")
    r = conn.getresponse()
    body = r.read()
    conn.close()
    assert r.status == 404 and r.getheader("Content-Type") == "application/json"
    assert body == b'{"__type":"ResourceNotFoundException","message":"User pool us-east-1_nothere00 does not exist."}'
    cognito.admin_create_user(UserPoolId=pool["Id"], Username="a", UserAttributes=attrs(email="a@example.com"),
                              DesiredDeliveryMediums=["EMAIL"])
    cognito.admin_create_user(UserPoolId=pool["Id"], Username="b", UserAttributes=attrs(email="b@example.com"),
                              DesiredDeliveryMediums=["EMAIL"])
    assert [m["destination"] for m in get_messages(server, pool["Id"])] == ["a@example.com", "b@example.com"]
    assert [m["destination"] for m in get_messages(server, pool["Id"], "b")] == ["b@example.com"]
    assert get_messages(server, pool["Id"], "nobody") == []


def test_messages_are_logged(server, cognito):
    pool = create_pool(cognito)
    cognito.admin_create_user(UserPoolId=pool["Id"], Username="logged", UserAttributes=attrs(email="l@example.com"),
                              DesiredDeliveryMediums=["EMAIL"], TemporaryPassword="Logged-pass1")
    assert "message EMAIL to l@example.com for logged" in server.stderr()
