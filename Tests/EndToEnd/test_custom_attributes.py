"""Custom attributes through boto3: AddCustomAttributes and its rules, the schema DescribeUserPool
lists, custom attributes in ID tokens (verified with PyJWT), and the app client's ReadAttributes /
WriteAttributes on the user's own operations (admin operations are not limited)."""
from __future__ import annotations

from e2e import aws_error, post, unique_name
from test_sign_in import make_user, sign_in, verify

FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
# [R] boto/boto3#2317, trek10inc/serverless-cognito-manager#4
REQUIRED_CUSTOM = ("InvalidParameterException", "Required custom attributes are not supported currently.")
# [R] jmaleonard/serverless-cognito-add-custom-attributes#3
def exists(name):
    return ("InvalidParameterException", f"{name}: Existing attribute already has name {name}.")
# [R] CLI transcript of UpdateUserAttributes (see CognitoErrors+Users.swift)
UNAUTHORIZED_WRITE = ("NotAuthorizedException", "A client attempted to write unauthorized attribute")
STANDARD = ["sub", "name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile",
            "picture", "website", "email", "email_verified", "gender", "birthdate", "zoneinfo", "locale",
            "phone_number", "phone_number_verified", "address", "updated_at", "identities"]


def string_attribute(name, **extra):
    return {"Name": name, "AttributeDataType": "String", **extra}


def schema(cognito, pool_id):
    return {a["Name"]: a for a in cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["SchemaAttributes"]}


def test_schema_lists_the_standard_attributes_with_aws_defaults(cognito):
    pool_id = cognito.create_user_pool(PoolName=unique_name("schema"))["UserPool"]["Id"]
    attributes = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["SchemaAttributes"]
    # awscli examples/cognito-idp/describe-user-pool.rst: the order and the constraints
    assert [a["Name"] for a in attributes] == STANDARD
    by_name = {a["Name"]: a for a in attributes}
    assert by_name["sub"] == {"Name": "sub", "AttributeDataType": "String", "DeveloperOnlyAttribute": False,
                              "Mutable": False, "Required": True,
                              "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "2048"}}
    assert by_name["birthdate"]["StringAttributeConstraints"] == {"MinLength": "10", "MaxLength": "10"}
    assert by_name["email_verified"] == {"Name": "email_verified", "AttributeDataType": "Boolean",
                                         "DeveloperOnlyAttribute": False, "Mutable": True, "Required": False}
    assert by_name["updated_at"]["NumberAttributeConstraints"] == {"MinValue": "0"}
    assert by_name["identities"]["StringAttributeConstraints"] == {}


def test_add_custom_attributes(cognito):
    pool_id = cognito.create_user_pool(PoolName=unique_name("custom"))["UserPool"]["Id"]
    r = cognito.add_custom_attributes(UserPoolId=pool_id, CustomAttributes=[
        string_attribute("tier", StringAttributeConstraints={"MinLength": "1", "MaxLength": "15"}),
        {"Name": "level", "AttributeDataType": "Number", "Mutable": False,
         "NumberAttributeConstraints": {"MinValue": "1", "MaxValue": "9"}},
        string_attribute("secret", DeveloperOnlyAttribute=True),
    ])
    assert r["ResponseMetadata"]["HTTPStatusCode"] == 200
    attrs = schema(cognito, pool_id)
    assert list(attrs)[-3:] == ["custom:tier", "custom:level", "dev:custom:secret"]
    assert attrs["custom:tier"] == {"Name": "custom:tier", "AttributeDataType": "String", "DeveloperOnlyAttribute": False,
                                    "Mutable": True, "Required": False,
                                    "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "15"}}
    assert attrs["custom:level"]["Mutable"] is False
    assert attrs["dev:custom:secret"]["DeveloperOnlyAttribute"] is True

    with aws_error(*exists("custom:tier")):
        cognito.add_custom_attributes(UserPoolId=pool_id, CustomAttributes=[string_attribute("tier")])
    with aws_error(*exists("custom:twice")):
        cognito.add_custom_attributes(UserPoolId=pool_id, CustomAttributes=[string_attribute("twice")] * 2)
    with aws_error(*REQUIRED_CUSTOM):
        cognito.add_custom_attributes(UserPoolId=pool_id, CustomAttributes=[string_attribute("must", Required=True)])
    assert "custom:twice" not in schema(cognito, pool_id)  # nothing of a refused request is kept

    # 50 custom attributes at most (3 so far).
    cognito.add_custom_attributes(UserPoolId=pool_id, CustomAttributes=[string_attribute(f"a{i}") for i in range(25)])
    cognito.add_custom_attributes(UserPoolId=pool_id, CustomAttributes=[string_attribute(f"b{i}") for i in range(22)])
    with aws_error("InvalidParameterException", "A user pool can have at most 50 custom attributes."):
        cognito.add_custom_attributes(UserPoolId=pool_id, CustomAttributes=[string_attribute("one_more")])

    missing = pool_id.split("_")[0] + "_NoSuchPo0"
    with aws_error("ResourceNotFoundException", f"User pool {missing} does not exist."):
        cognito.add_custom_attributes(UserPoolId=missing, CustomAttributes=[string_attribute("x")])


def test_model_constraints_and_create_user_pool_rules(server, cognito):
    pool_id = cognito.create_user_pool(PoolName=unique_name("custom"))["UserPool"]["Id"]
    r = post(server, "AddCustomAttributes", {"UserPoolId": pool_id, "CustomAttributes": [
        {"Name": "x" * 21, "AttributeDataType": "String"}]})
    assert r.status == 400 and r.json()["__type"] == "InvalidParameterException", r
    assert "at 'customAttributes.1.member.name' failed to satisfy constraint: Member must have length less than or equal to 20" in r.json()["message"]
    r = post(server, "AddCustomAttributes", {"UserPoolId": pool_id, "CustomAttributes": []})
    assert r.status == 400 and "Member must have length greater than or equal to 1" in r.json()["message"], r
    with aws_error(*REQUIRED_CUSTOM):
        cognito.create_user_pool(PoolName=unique_name("custom"), Schema=[string_attribute("org", Required=True)])
    with aws_error(*exists("custom:org")):
        cognito.create_user_pool(PoolName=unique_name("custom"), Schema=[string_attribute("org")] * 2)
    pool = cognito.create_user_pool(PoolName=unique_name("custom"),
                                    Schema=[string_attribute("hidden", DeveloperOnlyAttribute=True)])["UserPool"]
    assert "dev:custom:hidden" in {a["Name"] for a in pool["SchemaAttributes"]}


def test_custom_attributes_on_users_and_in_tokens(server, cognito):
    pool_id = cognito.create_user_pool(PoolName=unique_name("custom"))["UserPool"]["Id"]
    cognito.add_custom_attributes(UserPoolId=pool_id, CustomAttributes=[
        string_attribute("tier"), string_attribute("fixed", Mutable=False), string_attribute("note", DeveloperOnlyAttribute=True)])
    client_id = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app",
                                                ExplicitAuthFlows=FLOWS)["UserPoolClient"]["ClientId"]
    make_user(cognito, pool_id, "alice", **{"custom:tier": "gold", "custom:fixed": "1", "dev:custom:note": "n"})
    tokens = sign_in(cognito, client_id)["AuthenticationResult"]
    claims = verify(server, pool_id, tokens["IdToken"], audience=client_id)
    assert claims["custom:tier"] == "gold" and claims["custom:fixed"] == "1"
    assert "custom:tier" not in verify(server, pool_id, tokens["AccessToken"])

    # Immutable custom attributes are set at creation only.
    with aws_error("InvalidParameterException", "user.custom:fixed: Attribute cannot be updated.\n"):
        cognito.admin_update_user_attributes(UserPoolId=pool_id, Username="alice",
                                             UserAttributes=[{"Name": "custom:fixed", "Value": "2"}])
    # Developer-only attributes: the administrator may write them, the user may not.
    cognito.admin_update_user_attributes(UserPoolId=pool_id, Username="alice",
                                         UserAttributes=[{"Name": "dev:custom:note", "Value": "m"}])
    with aws_error(*UNAUTHORIZED_WRITE):
        cognito.update_user_attributes(AccessToken=tokens["AccessToken"],
                                       UserAttributes=[{"Name": "dev:custom:note", "Value": "x"}])
    cognito.update_user_attributes(AccessToken=tokens["AccessToken"], UserAttributes=[{"Name": "custom:tier", "Value": "blue"}])
    refreshed = cognito.initiate_auth(ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                                      AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]})["AuthenticationResult"]
    assert verify(server, pool_id, refreshed["IdToken"], audience=client_id)["custom:tier"] == "blue"


def test_client_read_and_write_attributes(server, cognito):
    pool_id = cognito.create_user_pool(PoolName=unique_name("custom"))["UserPool"]["Id"]
    cognito.add_custom_attributes(UserPoolId=pool_id, CustomAttributes=[string_attribute("tier"), string_attribute("plan")])
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id, ClientName="narrow", ExplicitAuthFlows=FLOWS,
        ReadAttributes=["email", "custom:tier"], WriteAttributes=["custom:tier"])["UserPoolClient"]["ClientId"]
    make_user(cognito, pool_id, "alice", **{"custom:tier": "gold", "custom:plan": "pro", "name": "Alice"})
    tokens = sign_in(cognito, client_id)["AuthenticationResult"]

    # GetUser and the ID token show only what the client may read (sub always).
    seen = {a["Name"] for a in cognito.get_user(AccessToken=tokens["AccessToken"])["UserAttributes"]}
    assert seen == {"sub", "email", "custom:tier"}
    claims = verify(server, pool_id, tokens["IdToken"], audience=client_id)
    assert claims["custom:tier"] == "gold" and "custom:plan" not in claims and "name" not in claims

    # UpdateUserAttributes writes only what the client may write; the admin operation is not limited.
    cognito.update_user_attributes(AccessToken=tokens["AccessToken"], UserAttributes=[{"Name": "custom:tier", "Value": "x"}])
    for name, value in (("custom:plan", "y"), ("name", "y"), ("email", "y@example.com")):
        with aws_error(*UNAUTHORIZED_WRITE):
            cognito.update_user_attributes(AccessToken=tokens["AccessToken"], UserAttributes=[{"Name": name, "Value": value}])
    cognito.admin_update_user_attributes(UserPoolId=pool_id, Username="alice",
                                         UserAttributes=[{"Name": "custom:plan", "Value": "free"}])
    admin_view = {a["Name"]: a["Value"] for a in cognito.admin_get_user(UserPoolId=pool_id, Username="alice")["UserAttributes"]}
    assert admin_view["custom:plan"] == "free" and admin_view["custom:tier"] == "x" and admin_view["name"] == "Alice"
