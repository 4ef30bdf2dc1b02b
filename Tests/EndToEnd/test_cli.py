"""The README example through the AWS CLI (`aws cognito-idp ... --endpoint-url`)."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

from e2e import POOL_ID_RE


def aws(server, *args, check=True) -> subprocess.CompletedProcess:
    exe = [shutil.which("aws")] if shutil.which("aws") else [sys.executable, "-m", "awscli"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION="us-east-1",
               AWS_DEFAULT_OUTPUT="json", AWS_PAGER="", AWS_CONFIG_FILE=os.devnull,
               AWS_SHARED_CREDENTIALS_FILE=os.devnull, AWS_MAX_ATTEMPTS="1")
    proc = subprocess.run([*exe, "cognito-idp", *args, "--endpoint-url", server.url], env=env,
                          capture_output=True, text=True, timeout=60)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def test_readme_example_with_aws_cli(server):
    created = json.loads(aws(server, "create-user-pool", "--pool-name", "readme-example").stdout)
    pool_id = created["UserPool"]["Id"]
    assert re.match(POOL_ID_RE.format(region="us-east-1"), pool_id), pool_id
    assert created["UserPool"]["MfaConfiguration"] == "OFF"

    expected = {"SoftwareTokenMfaConfiguration": {"Enabled": True}, "MfaConfiguration": "OPTIONAL"}
    set_out = aws(server, "set-user-pool-mfa-config", "--user-pool-id", pool_id,
                  "--mfa-configuration", "OPTIONAL", "--software-token-mfa-configuration", "Enabled=true")
    assert json.loads(set_out.stdout) == expected

    get_out = aws(server, "get-user-pool-mfa-config", "--user-pool-id", pool_id)
    assert json.loads(get_out.stdout) == expected


def test_aws_cli_error_output(server):
    proc = aws(server, "get-user-pool-mfa-config", "--user-pool-id", "us-east-1_AAAAAAAAA", check=False)
    assert proc.returncode != 0
    assert ("An error occurred (ResourceNotFoundException) when calling the GetUserPoolMfaConfig operation: "
            "User pool us-east-1_AAAAAAAAA does not exist.") in proc.stderr, proc.stderr


def test_groups_tags_and_custom_attributes_with_aws_cli(server):
    """The awscli examples of get-group, tag-resource, list-tags-for-resource and add-custom-attributes."""
    pool = json.loads(aws(server, "create-user-pool", "--pool-name", "cli-config").stdout)["UserPool"]
    pool_id, arn = pool["Id"], pool["Arn"]
    aws(server, "create-group", "--user-pool-id", pool_id, "--group-name", "MyGroup", "--precedence", "7",
        "--role-arn", "arn:aws:iam::123456789012:role/example-cognito-role")
    group = json.loads(aws(server, "get-group", "--user-pool-id", pool_id, "--group-name", "MyGroup").stdout)["Group"]
    assert (group["GroupName"], group["Precedence"], group["UserPoolId"]) == ("MyGroup", 7, pool_id)
    assert aws(server, "tag-resource", "--resource-arn", arn, "--tags", "administrator=Jie,tenant=ExampleCorp").stdout == ""
    tags = json.loads(aws(server, "list-tags-for-resource", "--resource-arn", arn).stdout)
    assert tags == {"Tags": {"administrator": "Jie", "tenant": "ExampleCorp"}}
    aws(server, "add-custom-attributes", "--user-pool-id", pool_id, "--custom-attributes",
        # the example's shell quoting, as the shell passes it on
        "Name=CustomAttr1,AttributeDataType=String,DeveloperOnlyAttribute=false,Required=false,"
        "StringAttributeConstraints={MinLength=1,MaxLength=15}")
    described = json.loads(aws(server, "describe-user-pool", "--user-pool-id", pool_id).stdout)["UserPool"]
    custom = next(a for a in described["SchemaAttributes"] if a["Name"] == "custom:CustomAttr1")
    assert custom["StringAttributeConstraints"] == {"MinLength": "1", "MaxLength": "15"}
    proc = aws(server, "get-group", "--user-pool-id", pool_id, "--group-name", "Nope", check=False)
    assert ("An error occurred (ResourceNotFoundException) when calling the GetGroup operation: Group not found."
            in proc.stderr), proc.stderr
