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
