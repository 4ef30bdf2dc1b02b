"""User pool tags through boto3: TagResource, UntagResource, ListTagsForResource, and their agreement
with the UserPoolTags of CreateUserPool, UpdateUserPool and DescribeUserPool."""
from __future__ import annotations

from e2e import aws_error, post, unique_name


def make(cognito, **kwargs):
    pool = cognito.create_user_pool(PoolName=unique_name("tags"), **kwargs)["UserPool"]
    return pool["Id"], pool["Arn"]


def tags(cognito, arn):
    return cognito.list_tags_for_resource(ResourceArn=arn)["Tags"]


def describe_tags(cognito, pool_id):
    return cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["UserPoolTags"]


def test_tag_untag_list_agree_with_describe(cognito):
    pool_id, arn = make(cognito)
    assert tags(cognito, arn) == {} and describe_tags(cognito, pool_id) == {}
    assert cognito.tag_resource(ResourceArn=arn, Tags={"team": "auth", "env": "dev"})["ResponseMetadata"]["HTTPStatusCode"] == 200
    cognito.tag_resource(ResourceArn=arn, Tags={"env": "prod", "owner": "jie"})
    assert tags(cognito, arn) == {"team": "auth", "env": "prod", "owner": "jie"} == describe_tags(cognito, pool_id)
    cognito.untag_resource(ResourceArn=arn, TagKeys=["team", "not-there"])
    assert tags(cognito, arn) == {"env": "prod", "owner": "jie"} == describe_tags(cognito, pool_id)
    cognito.untag_resource(ResourceArn=arn, TagKeys=["env", "owner"])
    assert tags(cognito, arn) == {} == describe_tags(cognito, pool_id)


def test_create_and_update_user_pool_tags(cognito):
    pool_id, arn = make(cognito, UserPoolTags={"a": "1"})
    assert tags(cognito, arn) == {"a": "1"}
    cognito.tag_resource(ResourceArn=arn, Tags={"b": "2"})
    # An update without UserPoolTags keeps the tags; one with them replaces them.
    cognito.update_user_pool(UserPoolId=pool_id, AutoVerifiedAttributes=["email"])
    assert tags(cognito, arn) == {"a": "1", "b": "2"} == describe_tags(cognito, pool_id)
    cognito.update_user_pool(UserPoolId=pool_id, UserPoolTags={"c": "3"})
    assert tags(cognito, arn) == {"c": "3"} == describe_tags(cognito, pool_id)


def test_tags_survive_a_restart(fresh_server):
    cognito = fresh_server.client()
    pool_id, arn = make(cognito)
    cognito.tag_resource(ResourceArn=arn, Tags={"k": "v"})
    fresh_server.restart()
    assert tags(fresh_server.client(), arn) == {"k": "v"}


def test_errors(server, cognito):
    pool_id, arn = make(cognito)
    region, account = arn.split(":")[3], arn.split(":")[4]
    missing = f"arn:aws:cognito-idp:{region}:{account}:userpool/{region}_NoSuchPo0"
    for call in (lambda: cognito.tag_resource(ResourceArn=missing, Tags={"k": "v"}),
                 lambda: cognito.untag_resource(ResourceArn=missing, TagKeys=["k"]),
                 lambda: cognito.list_tags_for_resource(ResourceArn=missing)):
        with aws_error("ResourceNotFoundException", f"User pool {region}_NoSuchPo0 does not exist."):
            call()
    other_account = arn.replace(f":{account}:", ":123456789012:")
    with aws_error("ResourceNotFoundException", f"User pool {pool_id} does not exist."):
        cognito.list_tags_for_resource(ResourceArn=other_account)
    not_a_pool = f"arn:aws:iam::{account}:role/SomeRole"
    with aws_error("ResourceNotFoundException", f"Resource {not_a_pool} does not exist."):
        cognito.list_tags_for_resource(ResourceArn=not_a_pool)
    # The model's constraints.
    r = post(server, "TagResource", {"ResourceArn": arn, "Tags": {"k" * 129: "v"}})
    assert r.status == 400 and r.json()["__type"] == "InvalidParameterException", r
    r = post(server, "ListTagsForResource", {"ResourceArn": "short"})
    assert r.status == 400 and "at 'resourceArn' failed to satisfy constraint" in r.json()["message"], r
    # At most 50 tags.
    cognito.tag_resource(ResourceArn=arn, Tags={f"k{i}": "v" for i in range(50)})
    with aws_error("InvalidParameterException", "A user pool can have as many as 50 tags."):
        cognito.tag_resource(ResourceArn=arn, Tags={"one-more": "v"})
    assert len(tags(cognito, arn)) == 50
