"""User pool groups through boto3: the nine operations, their errors and paging, memberships that
follow deleted users and groups, restarts, and the group claims of tokens verified with PyJWT.

Evidence for each error text is next to it (the same as in
Sources/CognitoIdentityProvider/Support/CognitoErrors+Groups.swift)."""
from __future__ import annotations

import datetime

import pytest

from e2e import aws_error, post, unique_name
from test_sign_in import PASSWORD, make_pool, make_user, sign_in, verify

# [R] https://github.com/aws-amplify/amplify-cli/issues/2214 (AdminAddUserToGroup against AWS)
GROUP_NOT_FOUND = ("ResourceNotFoundException", "Group not found.")
# [I] type from the model; moto's text with the name put back
def group_exists(name):
    return ("GroupExistsException", f"A group with the name {name} already exists.")
USER_NOT_FOUND = ("UserNotFoundException", "User does not exist.")
ROLE_A = "arn:aws:iam::123456789012:role/GroupRoleA"
ROLE_B = "arn:aws:iam::123456789012:role/GroupRoleB"


def new_pool(cognito):
    return cognito.create_user_pool(PoolName=unique_name("groups"))["UserPool"]["Id"]


def test_create_get_update_delete(cognito):
    pool_id = new_pool(cognito)
    created = cognito.create_group(UserPoolId=pool_id, GroupName="admins", Description="Admins",
                                   RoleArn=ROLE_A, Precedence=1)["Group"]
    assert {k: v for k, v in created.items() if not k.endswith("Date")} == {
        "GroupName": "admins", "UserPoolId": pool_id, "Description": "Admins", "RoleArn": ROLE_A, "Precedence": 1}
    assert isinstance(created["CreationDate"], datetime.datetime)
    assert created["CreationDate"] == created["LastModifiedDate"]
    assert cognito.get_group(UserPoolId=pool_id, GroupName="admins")["Group"] == created

    bare = cognito.create_group(UserPoolId=pool_id, GroupName="plain")["Group"]
    assert set(bare) == {"GroupName", "UserPoolId", "CreationDate", "LastModifiedDate"}

    updated = cognito.update_group(UserPoolId=pool_id, GroupName="admins", Precedence=5)["Group"]
    assert updated["Precedence"] == 5 and updated["Description"] == "Admins" and updated["RoleArn"] == ROLE_A
    updated = cognito.update_group(UserPoolId=pool_id, GroupName="admins", Description="Everyone", RoleArn=ROLE_B)["Group"]
    assert (updated["Description"], updated["RoleArn"], updated["Precedence"]) == ("Everyone", ROLE_B, 5)
    assert cognito.get_group(UserPoolId=pool_id, GroupName="admins")["Group"] == updated

    assert cognito.delete_group(UserPoolId=pool_id, GroupName="admins")["ResponseMetadata"]["HTTPStatusCode"] == 200
    for call in (lambda: cognito.get_group(UserPoolId=pool_id, GroupName="admins"),
                 lambda: cognito.update_group(UserPoolId=pool_id, GroupName="admins", Precedence=1),
                 lambda: cognito.delete_group(UserPoolId=pool_id, GroupName="admins"),
                 lambda: cognito.list_users_in_group(UserPoolId=pool_id, GroupName="admins")):
        with aws_error(*GROUP_NOT_FOUND):
            call()
    # The name is free again.
    cognito.create_group(UserPoolId=pool_id, GroupName="admins")


def test_errors(server, cognito):
    pool_id = new_pool(cognito)
    cognito.create_group(UserPoolId=pool_id, GroupName="Team")
    with aws_error(*group_exists("Team")):
        cognito.create_group(UserPoolId=pool_id, GroupName="Team")
    cognito.create_group(UserPoolId=pool_id, GroupName="team")  # names are case-sensitive
    missing = pool_id.split("_")[0] + "_NoSuchPo0"
    with aws_error("ResourceNotFoundException", f"User pool {missing} does not exist."):
        cognito.create_group(UserPoolId=missing, GroupName="x")
    with aws_error("ResourceNotFoundException", f"User pool {missing} does not exist."):
        cognito.list_groups(UserPoolId=missing)
    # The model's constraints, in Coral's words.
    r = post(server, "CreateGroup", {"UserPoolId": pool_id, "GroupName": "neg", "Precedence": -1})
    assert r.status == 400 and r.json() == {
        "__type": "InvalidParameterException",
        "message": "1 validation error detected: Value '-1' at 'precedence' failed to satisfy constraint: "
                   "Member must have value greater than or equal to 0"}, r
    r = post(server, "CreateGroup", {"UserPoolId": pool_id, "GroupName": "g", "RoleArn": "not-an-arn"})
    assert r.status == 400 and r.json()["__type"] == "InvalidParameterException"
    assert "at 'roleArn' failed to satisfy constraint" in r.json()["message"], r
    r = post(server, "ListGroups", {"UserPoolId": pool_id, "Limit": 61})
    assert r.status == 400 and "Member must have value less than or equal to 60" in r.json()["message"], r
    with aws_error("InvalidParameterException", "Invalid pagination token."):
        cognito.list_groups(UserPoolId=pool_id, NextToken="bm9wZQ==")


def test_list_groups_pages_in_creation_order(cognito):
    pool_id = new_pool(cognito)
    names = [f"g{i:02}" for i in range(7)][::-1]
    for name in names:
        cognito.create_group(UserPoolId=pool_id, GroupName=name)
    seen, token = [], None
    while True:
        page = cognito.list_groups(UserPoolId=pool_id, Limit=3, **({"NextToken": token} if token else {}))
        assert len(page["Groups"]) <= 3
        seen += [g["GroupName"] for g in page["Groups"]]
        token = page.get("NextToken")
        if not token:
            break
    assert seen == names
    assert [g["GroupName"] for g in cognito.list_groups(UserPoolId=pool_id)["Groups"]] == names
    paginator = cognito.get_paginator("list_groups")
    assert [g["GroupName"] for p in paginator.paginate(UserPoolId=pool_id, PaginationConfig={"PageSize": 2})
            for g in p["Groups"]] == names


def test_memberships(cognito):
    pool_id = new_pool(cognito)
    for name, precedence in (("readers", 10), ("writers", 2), ("guests", None)):
        cognito.create_group(UserPoolId=pool_id, GroupName=name,
                             **({"Precedence": precedence} if precedence is not None else {}))
    for user in ("ann", "bob", "cy"):
        make_user(cognito, pool_id, user)
    sub = lambda u: next(a["Value"] for a in cognito.admin_get_user(UserPoolId=pool_id, Username=u)["UserAttributes"]  # noqa: E731
                         if a["Name"] == "sub")
    for group in ("readers", "guests", "writers"):
        cognito.admin_add_user_to_group(UserPoolId=pool_id, Username="ann", GroupName=group)
    cognito.admin_add_user_to_group(UserPoolId=pool_id, Username="ann", GroupName="readers")  # again: no change
    cognito.admin_add_user_to_group(UserPoolId=pool_id, Username="cy", GroupName="readers")
    cognito.admin_add_user_to_group(UserPoolId=pool_id, Username=sub("bob"), GroupName="readers")  # by sub

    groups = cognito.admin_list_groups_for_user(UserPoolId=pool_id, Username="ann")["Groups"]
    assert [g["GroupName"] for g in groups] == ["writers", "readers", "guests"]
    first = cognito.admin_list_groups_for_user(UserPoolId=pool_id, Username="ann", Limit=2)
    assert [g["GroupName"] for g in first["Groups"]] == ["writers", "readers"]
    rest = cognito.admin_list_groups_for_user(UserPoolId=pool_id, Username="ann", Limit=2, NextToken=first["NextToken"])
    assert [g["GroupName"] for g in rest["Groups"]] == ["guests"] and "NextToken" not in rest

    members = cognito.list_users_in_group(UserPoolId=pool_id, GroupName="readers")["Users"]
    assert [u["Username"] for u in members] == ["ann", "cy", "bob"]
    assert set(members[0]) == {"Username", "Attributes", "UserCreateDate", "UserLastModifiedDate", "Enabled", "UserStatus"}
    page = cognito.list_users_in_group(UserPoolId=pool_id, GroupName="readers", Limit=1)
    assert [u["Username"] for u in page["Users"]] == ["ann"] and page["NextToken"]
    assert cognito.list_users_in_group(UserPoolId=pool_id, GroupName="guests", Limit=0)["Users"][0]["Username"] == "ann"

    cognito.admin_remove_user_from_group(UserPoolId=pool_id, Username="ann", GroupName="guests")
    cognito.admin_remove_user_from_group(UserPoolId=pool_id, Username="ann", GroupName="guests")  # not a member: fine
    assert cognito.list_users_in_group(UserPoolId=pool_id, GroupName="guests")["Users"] == []

    # Deleting a user or a group ends its memberships.
    cognito.admin_delete_user(UserPoolId=pool_id, Username="cy")
    assert [u["Username"] for u in cognito.list_users_in_group(UserPoolId=pool_id, GroupName="readers")["Users"]] == [
        "ann", "bob"]
    cognito.delete_group(UserPoolId=pool_id, GroupName="writers")
    cognito.create_group(UserPoolId=pool_id, GroupName="writers")
    assert [g["GroupName"] for g in cognito.admin_list_groups_for_user(UserPoolId=pool_id, Username="ann")["Groups"]] == [
        "readers"]
    assert cognito.list_users_in_group(UserPoolId=pool_id, GroupName="writers")["Users"] == []

    with aws_error(*USER_NOT_FOUND):
        cognito.admin_add_user_to_group(UserPoolId=pool_id, Username="nobody", GroupName="readers")
    with aws_error(*USER_NOT_FOUND):
        cognito.admin_remove_user_from_group(UserPoolId=pool_id, Username="nobody", GroupName="readers")
    with aws_error(*USER_NOT_FOUND):
        cognito.admin_list_groups_for_user(UserPoolId=pool_id, Username="nobody")
    with aws_error(*GROUP_NOT_FOUND):
        cognito.admin_add_user_to_group(UserPoolId=pool_id, Username="ann", GroupName="nope")
    with aws_error(*GROUP_NOT_FOUND):
        cognito.admin_remove_user_from_group(UserPoolId=pool_id, Username="ann", GroupName="nope")


def test_tokens_carry_groups_roles_and_the_preferred_role(server, cognito):
    pool_id, client = make_pool(cognito)
    make_user(cognito, pool_id)
    plain = sign_in(cognito, client["ClientId"])["AuthenticationResult"]
    claims = verify(server, pool_id, plain["IdToken"], audience=client["ClientId"])
    assert not {"cognito:groups", "cognito:roles", "cognito:preferred_role"} & set(claims)
    assert "cognito:groups" not in verify(server, pool_id, plain["AccessToken"])

    cognito.create_group(UserPoolId=pool_id, GroupName="viewers", RoleArn=ROLE_B, Precedence=20)
    cognito.create_group(UserPoolId=pool_id, GroupName="editors", RoleArn=ROLE_A, Precedence=3)
    cognito.create_group(UserPoolId=pool_id, GroupName="no-role", Precedence=0)
    for group in ("viewers", "editors", "no-role"):
        cognito.admin_add_user_to_group(UserPoolId=pool_id, Username="alice", GroupName=group)
    tokens = sign_in(cognito, client["ClientId"])["AuthenticationResult"]
    id_claims = verify(server, pool_id, tokens["IdToken"], audience=client["ClientId"])
    assert id_claims["cognito:groups"] == ["no-role", "editors", "viewers"]
    assert id_claims["cognito:roles"] == [ROLE_A, ROLE_B]
    # The lowest Precedence among the groups that have a role wins.
    assert id_claims["cognito:preferred_role"] == ROLE_A
    access = verify(server, pool_id, tokens["AccessToken"])
    assert access["cognito:groups"] == ["no-role", "editors", "viewers"]
    assert "cognito:roles" not in access and "cognito:preferred_role" not in access

    # Equal precedence, different roles: no preferred role.
    cognito.update_group(UserPoolId=pool_id, GroupName="viewers", Precedence=3)
    id_claims = verify(server, pool_id, sign_in(cognito, client["ClientId"])["AuthenticationResult"]["IdToken"],
                       audience=client["ClientId"])
    assert "cognito:preferred_role" not in id_claims and set(id_claims["cognito:roles"]) == {ROLE_A, ROLE_B}
    # Equal precedence, the same role: that role.
    cognito.update_group(UserPoolId=pool_id, GroupName="viewers", RoleArn=ROLE_A)
    id_claims = verify(server, pool_id, sign_in(cognito, client["ClientId"])["AuthenticationResult"]["IdToken"],
                       audience=client["ClientId"])
    assert id_claims["cognito:preferred_role"] == ROLE_A and id_claims["cognito:roles"] == [ROLE_A]


def test_refresh_sees_membership_changes(server, cognito):
    pool_id, client = make_pool(cognito)
    make_user(cognito, pool_id)
    cognito.create_group(UserPoolId=pool_id, GroupName="first", RoleArn=ROLE_A)
    cognito.create_group(UserPoolId=pool_id, GroupName="second", RoleArn=ROLE_B, Precedence=1)
    cognito.admin_add_user_to_group(UserPoolId=pool_id, Username="alice", GroupName="first")
    tokens = sign_in(cognito, client["ClientId"])["AuthenticationResult"]
    claims = verify(server, pool_id, tokens["IdToken"], audience=client["ClientId"])
    assert claims["cognito:groups"] == ["first"] and claims["cognito:preferred_role"] == ROLE_A

    def refreshed():
        result = cognito.initiate_auth(ClientId=client["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
                                       AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]})["AuthenticationResult"]
        return (verify(server, pool_id, result["IdToken"], audience=client["ClientId"]),
                verify(server, pool_id, result["AccessToken"]))

    cognito.admin_add_user_to_group(UserPoolId=pool_id, Username="alice", GroupName="second")
    id_claims, access = refreshed()
    # A group with a precedence wins over one without.
    assert id_claims["cognito:groups"] == access["cognito:groups"] == ["second", "first"]
    assert id_claims["cognito:preferred_role"] == ROLE_B
    cognito.delete_group(UserPoolId=pool_id, GroupName="second")
    cognito.admin_remove_user_from_group(UserPoolId=pool_id, Username="alice", GroupName="first")
    id_claims, access = refreshed()
    assert "cognito:groups" not in id_claims and "cognito:groups" not in access
    assert "cognito:roles" not in id_claims and "cognito:preferred_role" not in id_claims


def test_groups_survive_a_restart(fresh_server):
    cognito = fresh_server.client()
    pool_id, client = make_pool(cognito)
    make_user(cognito, pool_id)
    cognito.create_group(UserPoolId=pool_id, GroupName="kept", Description="stays", Precedence=4)
    cognito.admin_add_user_to_group(UserPoolId=pool_id, Username="alice", GroupName="kept")
    before = cognito.get_group(UserPoolId=pool_id, GroupName="kept")["Group"]
    fresh_server.kill9()
    fresh_server.start()
    cognito = fresh_server.client()
    assert cognito.get_group(UserPoolId=pool_id, GroupName="kept")["Group"] == before
    assert [u["Username"] for u in cognito.list_users_in_group(UserPoolId=pool_id, GroupName="kept")["Users"]] == ["alice"]
    claims = verify(fresh_server, pool_id, sign_in(cognito, client["ClientId"], password=PASSWORD)["AuthenticationResult"]["IdToken"],
                    audience=client["ClientId"])
    assert claims["cognito:groups"] == ["kept"]
    # Deleting the pool takes its groups along.
    cognito.delete_user_pool(UserPoolId=pool_id)
    with pytest.raises(cognito.exceptions.ResourceNotFoundException):
        cognito.get_group(UserPoolId=pool_id, GroupName="kept")
