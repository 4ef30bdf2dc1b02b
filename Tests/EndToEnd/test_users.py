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
    # Each filter reads an index (migration 14); these check the narrowing keeps AWS's semantics.
    ('cognito:user_status ^= "force"', ["user0", "user1", "user2", "user3", "user4", "user6"]),
    ('status ^= "En"', ["user0", "user1", "user2", "user4", "user5", "user6"]),
    ('given_name ^= "Od"', ["user1", "user3", "user5"]),
    ('phone_number = "+15555550103"', ["user3"]),
    ('family_name = "Even"', []),
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


# -- SignUp family --------------------------------------------------------------------------------------
# [R] https://github.com/aws-amplify/amplify-js/issues/2416 (SignUp prefix)
SIGN_UP_POLICY = "Password did not conform with policy: "
# [R] SignUp on AWS quoted in public API docs: "UsernameExistsException ... User already exists"
USER_ALREADY_EXISTS = ("UsernameExistsException", "User already exists")
# [R] aws-amplify/amplify-ui e2e feature "Reset Password with invalid username"
CLIENT_USER_NOT_FOUND = ("UserNotFoundException", "Username/client id combination not found.")
# [R] apps matching the exact CodeMismatchException / ExpiredCodeException texts
CODE_MISMATCH = ("CodeMismatchException", "Invalid verification code provided, please try again.")
EXPIRED_CODE = ("ExpiredCodeException", "Invalid code provided, please request a code again.")
# [R] https://github.com/aws-amplify/amplify-ui/issues/219
ALREADY_CONFIRMED = ("InvalidParameterException", "User is already confirmed.")
# [R] apps quoting the InvalidParameterException text
NO_VERIFIED_CHANNEL = ("InvalidParameterException",
                       "Cannot reset password for the user as there is no registered/verified email or phone_number")
# [R] measured on a staging pool and quoted in public notes
CANNOT_RESET = ("NotAuthorizedException", "User password cannot be reset in the current state.")
# [R] integration tests and notes quoting it
USER_DISABLED = ("NotAuthorizedException", "User is disabled.")
# [R] many apps
SIGN_UP_NOT_PERMITTED = ("NotAuthorizedException", "SignUp is not permitted for this user pool")
# [R] CLI transcript (UpdateUserAttributes) and apps hitting it on SignUp
UNAUTHORIZED_WRITE = ("NotAuthorizedException", "A client attempted to write unauthorized attribute")


def make_client(cognito, pool_id, **kwargs):
    return cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app", **kwargs)["UserPoolClient"]


@pytest.fixture
def app(cognito):
    pool = create_pool(cognito, AutoVerifiedAttributes=["email"])
    return pool["Id"], make_client(cognito, pool["Id"])["ClientId"]


def sign_up(cognito, client_id, username, password="Passw0rd!", **attributes):
    return cognito.sign_up(ClientId=client_id, Username=username, Password=password, UserAttributes=attrs(**attributes))


def test_sign_up_confirm_flow(server, cognito, app):
    pool_id, client_id = app
    resp = sign_up(cognito, client_id, "jane", email="jane@example.com", name="Jane")
    assert resp["UserConfirmed"] is False
    assert re.match(UUID_RE, resp["UserSub"])
    # awscli forgot-password.rst / resend-confirmation-code.rst mask: "j***@e***.com"
    assert resp["CodeDeliveryDetails"] == {"Destination": "j***@e***.com", "DeliveryMedium": "EMAIL",
                                           "AttributeName": "email"}
    user = cognito.admin_get_user(UserPoolId=pool_id, Username="jane")
    assert user["UserStatus"] == "UNCONFIRMED"
    assert attr_dict(user["UserAttributes"])["sub"] == resp["UserSub"]
    [message] = get_messages(server, pool_id, "jane")
    assert message["message"] == f"Your verification code is {message['code']}. "
    with aws_error(*CODE_MISMATCH):
        cognito.confirm_sign_up(ClientId=client_id, Username="jane", ConfirmationCode="x" + message["code"])
    cognito.confirm_sign_up(ClientId=client_id, Username="jane", ConfirmationCode=message["code"])
    user = cognito.admin_get_user(UserPoolId=pool_id, Username="jane")
    assert user["UserStatus"] == "CONFIRMED"
    assert attr_dict(user["UserAttributes"])["email_verified"] == "true"
    with aws_error(*cannot_confirm("CONFIRMED")):
        cognito.confirm_sign_up(ClientId=client_id, Username="jane", ConfirmationCode=message["code"])
    with aws_error(*ALREADY_CONFIRMED):
        cognito.resend_confirmation_code(ClientId=client_id, Username="jane")


def test_sign_up_by_sms_masks_the_phone(server, cognito):
    pool = create_pool(cognito, AutoVerifiedAttributes=["phone_number"])
    client_id = make_client(cognito, pool["Id"])["ClientId"]
    resp = sign_up(cognito, client_id, "p", phone_number="+12065550008")
    # [R] ACIJS-236 (spec 3.1): "+*******0008"
    assert resp["CodeDeliveryDetails"] == {"Destination": "+*******0008", "DeliveryMedium": "SMS",
                                           "AttributeName": "phone_number"}
    assert get_messages(server, pool["Id"], "p")[0]["destination"] == "+12065550008"


def test_sign_up_without_auto_verification_sends_nothing(server, cognito):
    pool = create_pool(cognito)
    client_id = make_client(cognito, pool["Id"])["ClientId"]
    resp = sign_up(cognito, client_id, "n", email="n@example.com")
    assert "CodeDeliveryDetails" not in resp
    assert get_messages(server, pool["Id"]) == []
    cognito.admin_confirm_sign_up(UserPoolId=pool["Id"], Username="n")
    assert cognito.admin_get_user(UserPoolId=pool["Id"], Username="n")["UserStatus"] == "CONFIRMED"
    # AdminConfirmSignUp verifies no attribute [D: BOTO]
    assert "email_verified" not in attr_dict(cognito.admin_get_user(UserPoolId=pool["Id"], Username="n")["UserAttributes"])


def test_sign_up_uses_the_pool_verification_template(server, cognito):
    pool = create_pool(cognito, AutoVerifiedAttributes=["email"], VerificationMessageTemplate={
        "EmailMessage": "Code for {username}: {####}", "EmailSubject": "Verify", "DefaultEmailOption": "CONFIRM_WITH_CODE"})
    client_id = make_client(cognito, pool["Id"])["ClientId"]
    sign_up(cognito, client_id, "t", email="t@example.com")
    [message] = get_messages(server, pool["Id"], "t")
    assert message["message"] == f"Code for t: {message['code']}"


def test_sign_up_errors(cognito, app):
    pool_id, client_id = app
    sign_up(cognito, client_id, "taken")
    with aws_error(*USER_ALREADY_EXISTS):
        sign_up(cognito, client_id, "taken")
    with aws_error(*UNAUTHORIZED_WRITE):
        sign_up(cognito, client_id, "v", email="v@example.com", email_verified="true")
    with aws_error(*SUB_IMMUTABLE):
        sign_up(cognito, client_id, "s", sub="x")
    with aws_error(*INVALID_EMAIL):
        sign_up(cognito, client_id, "e", email="not-an-email")
    # [R] https://github.com/aws-amplify/amplify-flutter/issues/740
    with aws_error("ResourceNotFoundException", "User pool client nosuchclient0000000000000000 does not exist."):
        sign_up(cognito, "nosuchclient0000000000000000", "x")


@pytest.mark.parametrize("password,rule", [
    ("Ab1!xyz", "Password not long enough"),
    ("abcdefg1!", "Password must have uppercase characters"),
    ("ABCDEFG1!", "Password must have lowercase characters"),
    ("Abcdefgh!", "Password must have numeric characters"),
    ("Abcdefgh1", "Password must have symbol characters"),
])
def test_sign_up_password_policy(cognito, app, password, rule):
    _, client_id = app
    with aws_error("InvalidPasswordException", SIGN_UP_POLICY + rule):
        sign_up(cognito, client_id, "weak", password=password)


def test_sign_up_closed_pool(cognito):
    pool = create_pool(cognito, AdminCreateUserConfig={"AllowAdminCreateUserOnly": True})
    client_id = make_client(cognito, pool["Id"])["ClientId"]
    with aws_error(*SIGN_UP_NOT_PERMITTED):
        sign_up(cognito, client_id, "x")


def test_sign_up_email_username_pool(cognito):
    pool = create_pool(cognito, UsernameAttributes=["email"])
    client_id = make_client(cognito, pool["Id"])["ClientId"]
    resp = sign_up(cognito, client_id, "jane@example.com")
    user = cognito.admin_get_user(UserPoolId=pool["Id"], Username="jane@example.com")
    assert user["Username"] == resp["UserSub"]
    with aws_error(*EMAIL_EXISTS):
        sign_up(cognito, client_id, "jane@example.com")
    with aws_error(*SHOULD_BE_EMAIL):
        sign_up(cognito, client_id, "jane")


def test_sign_up_with_client_secret(cognito):
    import base64, hashlib, hmac
    pool = create_pool(cognito)
    client = make_client(cognito, pool["Id"], GenerateSecret=True)
    client_id, secret = client["ClientId"], client["ClientSecret"]
    # [R] see CognitoErrors.secretHashMissing / secretHashMismatch (clients branch evidence)
    with aws_error("NotAuthorizedException",
                   f"Client {client_id} is configured with secret but SECRET_HASH was not received"):
        sign_up(cognito, client_id, "sec")
    with aws_error("NotAuthorizedException", f"Unable to verify secret hash for client {client_id}"):
        cognito.sign_up(ClientId=client_id, Username="sec", Password="Passw0rd!", SecretHash="bm9wZQ==")
    digest = hmac.new(secret.encode(), ("sec" + client_id).encode(), hashlib.sha256).digest()
    cognito.sign_up(ClientId=client_id, Username="sec", Password="Passw0rd!",
                    SecretHash=base64.b64encode(digest).decode())


def test_resend_confirmation_code(server, cognito, app):
    pool_id, client_id = app
    sign_up(cognito, client_id, "r", email="r@example.com")
    resp = cognito.resend_confirmation_code(ClientId=client_id, Username="r")
    assert resp["CodeDeliveryDetails"] == {"Destination": "r***@e***.com", "DeliveryMedium": "EMAIL",
                                           "AttributeName": "email"}
    codes = [m["code"] for m in get_messages(server, pool_id, "r")]
    assert len(codes) == 2
    cognito.confirm_sign_up(ClientId=client_id, Username="r", ConfirmationCode=codes[-1])


@pytest.mark.parametrize("op,extra", [
    ("confirm_sign_up", {"ConfirmationCode": "123456"}),
    ("resend_confirmation_code", {}),
    ("forgot_password", {}),
    ("confirm_forgot_password", {"ConfirmationCode": "123456", "Password": "Passw0rd!"}),
])
def test_client_operations_on_unknown_user(cognito, app, op, extra):
    _, client_id = app
    with aws_error(*CLIENT_USER_NOT_FOUND):
        getattr(cognito, op)(ClientId=client_id, Username="ghost", **extra)


def test_prevent_user_existence_errors(server, cognito):
    pool = create_pool(cognito, AutoVerifiedAttributes=["email"])
    client_id = make_client(cognito, pool["Id"], PreventUserExistenceErrors="ENABLED")["ClientId"]
    # Developer guide "Managing user existence error responses": simulated delivery / CodeMismatchException
    forgot = cognito.forgot_password(ClientId=client_id, Username="ghost@example.com")
    assert forgot["CodeDeliveryDetails"] == {"Destination": "g***@e***.com", "DeliveryMedium": "EMAIL",
                                             "AttributeName": "email"}
    assert "CodeDeliveryDetails" in cognito.resend_confirmation_code(ClientId=client_id, Username="ghost")
    with aws_error(*CODE_MISMATCH):
        cognito.confirm_forgot_password(ClientId=client_id, Username="ghost", ConfirmationCode="123456",
                                        Password="Passw0rd!")
    with aws_error(*CODE_MISMATCH):
        cognito.confirm_sign_up(ClientId=client_id, Username="ghost", ConfirmationCode="123456")
    assert get_messages(server, pool["Id"]) == []


def confirmed_user(server, cognito, app, name, email):
    pool_id, client_id = app
    sign_up(cognito, client_id, name, email=email)
    cognito.confirm_sign_up(ClientId=client_id, Username=name, ConfirmationCode=last_code(server, pool_id, name))


def test_forgot_and_confirm_forgot_password(server, cognito, app):
    pool_id, client_id = app
    confirmed_user(server, cognito, app, "f", "f@example.com")
    # [D] "If a code isn't requested ... ExpiredCodeException" (developer guide)
    with aws_error(*EXPIRED_CODE):
        cognito.confirm_forgot_password(ClientId=client_id, Username="f", ConfirmationCode="123456", Password="New-pass1")
    resp = cognito.forgot_password(ClientId=client_id, Username="f")
    assert resp["CodeDeliveryDetails"] == {"Destination": "f***@e***.com", "DeliveryMedium": "EMAIL",
                                           "AttributeName": "email"}
    code = last_code(server, pool_id, "f")
    with aws_error("InvalidPasswordException", RESET_POLICY + "Password must have numeric characters"):
        cognito.confirm_forgot_password(ClientId=client_id, Username="f", ConfirmationCode=code, Password="New-pass!")
    with aws_error(*CODE_MISMATCH):
        cognito.confirm_forgot_password(ClientId=client_id, Username="f", ConfirmationCode=code + "0",
                                        Password="New-pass1")
    cognito.confirm_forgot_password(ClientId=client_id, Username="f", ConfirmationCode=code, Password="New-pass1")
    with aws_error(*EXPIRED_CODE):
        cognito.confirm_forgot_password(ClientId=client_id, Username="f", ConfirmationCode=code, Password="New-pass2")
    assert cognito.admin_get_user(UserPoolId=pool_id, Username="f")["UserStatus"] == "CONFIRMED"


def test_forgot_password_refusals(server, cognito, app):
    pool_id, client_id = app
    sign_up(cognito, client_id, "unverified", email="u@example.com")
    with aws_error(*NO_VERIFIED_CHANNEL):
        cognito.forgot_password(ClientId=client_id, Username="unverified")
    create_user(cognito, pool_id, "fresh", UserAttributes=attrs(email="fr@example.com", email_verified="true"))
    with aws_error(*CANNOT_RESET):
        cognito.forgot_password(ClientId=client_id, Username="fresh")
    confirmed_user(server, cognito, app, "off", "off@example.com")
    cognito.admin_disable_user(UserPoolId=pool_id, Username="off")
    with aws_error(*USER_DISABLED):
        cognito.forgot_password(ClientId=client_id, Username="off")


def test_forgot_password_prefers_sms_without_recovery_setting(server, cognito):
    pool = create_pool(cognito)
    client_id = make_client(cognito, pool["Id"])["ClientId"]
    create_user(cognito, pool["Id"], "both", UserAttributes=attrs(
        email="b@example.com", email_verified="true", phone_number="+15555550100", phone_number_verified="true"))
    cognito.admin_set_user_password(UserPoolId=pool["Id"], Username="both", Password="Passw0rd!", Permanent=True)
    # [D: BOTO AccountRecoverySetting] "In the absence of this setting ... SMS is preferred over email"
    assert cognito.forgot_password(ClientId=client_id, Username="both")["CodeDeliveryDetails"]["DeliveryMedium"] == "SMS"
    # ForgotPassword accepts an alias only when the pool has it; the username always works
    assert get_messages(server, pool["Id"], "both")[-1]["destination"] == "+15555550100"


def test_sign_up_codes_survive_restart(fresh_server):
    cognito = fresh_server.client()
    pool = create_pool(cognito, AutoVerifiedAttributes=["email"])
    client_id = make_client(cognito, pool["Id"])["ClientId"]
    sign_up(cognito, client_id, "later", email="later@example.com")
    code = last_code(fresh_server, pool["Id"], "later")
    fresh_server.restart()
    cognito = fresh_server.client()
    cognito.confirm_sign_up(ClientId=client_id, Username="later", ConfirmationCode=code)
    assert cognito.admin_get_user(UserPoolId=pool["Id"], Username="later")["UserStatus"] == "CONFIRMED"


# -- access-token operations ------------------------------------------------------------------------------
# [R] spec 9 row 20
INCORRECT_PASSWORD = ("NotAuthorizedException", "Incorrect username or password.")
# texts of the sign-in branch's AccessTokenVerifier (evidence in Auth/AuthErrors.swift)
REVOKED = ("NotAuthorizedException", "Access Token has been revoked")
INVALID_TOKEN = ("NotAuthorizedException", "Invalid Access Token")


@pytest.fixture
def signed_in(cognito):
    pool = create_pool(cognito, AutoVerifiedAttributes=["email"])
    client = make_client(cognito, pool["Id"], ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    create_user(cognito, pool["Id"], "alice", UserAttributes=attrs(
        email="alice@example.com", email_verified="true", name="Alice"))
    cognito.admin_set_user_password(UserPoolId=pool["Id"], Username="alice", Password="Passw0rd!", Permanent=True)
    auth = cognito.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                                 AuthParameters={"USERNAME": "alice", "PASSWORD": "Passw0rd!"})
    return pool["Id"], client["ClientId"], auth["AuthenticationResult"]["AccessToken"]


def test_get_user(cognito, signed_in):
    _, _, token = signed_in
    got = cognito.get_user(AccessToken=token)
    assert got["Username"] == "alice"
    # awscli get-user.rst shape; Java HashMap order; no MFA members without MFA (spec 4.4)
    assert [a["Name"] for a in got["UserAttributes"]] == ["sub", "email_verified", "name", "email"]
    assert set(got) - {"ResponseMetadata"} == {"Username", "UserAttributes"}
    with aws_error(*INVALID_TOKEN):
        cognito.get_user(AccessToken="not-a-token")


def test_update_user_attributes(server, cognito, signed_in):
    pool_id, _, token = signed_in
    resp = cognito.update_user_attributes(AccessToken=token, UserAttributes=attrs(email="new@example.com"))
    assert resp["CodeDeliveryDetailsList"] == [{"Destination": "n***@e***.com", "DeliveryMedium": "EMAIL",
                                                "AttributeName": "email"}]
    values = attr_dict(cognito.get_user(AccessToken=token)["UserAttributes"])
    assert (values["email"], values["email_verified"]) == ("new@example.com", "false")
    assert get_messages(server, pool_id, "alice")[-1]["destination"] == "new@example.com"
    with aws_error(*UNAUTHORIZED_WRITE):
        cognito.update_user_attributes(AccessToken=token, UserAttributes=attrs(email_verified="true"))
    with aws_error(*SUB_IMMUTABLE):
        cognito.update_user_attributes(AccessToken=token, UserAttributes=attrs(sub="x"))
    with aws_error(*not_in_schema_update("custom:x")):
        cognito.update_user_attributes(AccessToken=token, UserAttributes=attrs(custom__x="1"))


def test_change_password(cognito, signed_in):
    _, client_id, token = signed_in
    with aws_error(*INCORRECT_PASSWORD):
        cognito.change_password(AccessToken=token, PreviousPassword="Wrong-pass1", ProposedPassword="Newpassw0rd!")
    with aws_error("InvalidPasswordException", RESET_POLICY + "Password must have symbol characters"):
        cognito.change_password(AccessToken=token, PreviousPassword="Passw0rd!", ProposedPassword="Newpassw0rd")
    cognito.change_password(AccessToken=token, PreviousPassword="Passw0rd!", ProposedPassword="Newpassw0rd!")
    auth = cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                 AuthParameters={"USERNAME": "alice", "PASSWORD": "Newpassw0rd!"})
    assert "AccessToken" in auth["AuthenticationResult"]
    with aws_error(*INCORRECT_PASSWORD):
        cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                              AuthParameters={"USERNAME": "alice", "PASSWORD": "Passw0rd!"})


def test_delete_user(cognito, signed_in):
    pool_id, _, token = signed_in
    cognito.delete_user(AccessToken=token)
    with aws_error(*USER_NOT_FOUND):
        cognito.admin_get_user(UserPoolId=pool_id, Username="alice")
    with aws_error(*REVOKED):
        cognito.get_user(AccessToken=token)


def test_disabling_revokes_access_tokens(cognito, signed_in):
    pool_id, _, token = signed_in
    # [D: BOTO] AdminDisableUser "revokes all access tokens for the user"
    cognito.admin_disable_user(UserPoolId=pool_id, Username="alice")
    with aws_error(*REVOKED):
        cognito.get_user(AccessToken=token)
