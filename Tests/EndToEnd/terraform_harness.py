"""Runs Terraform with the hashicorp/aws provider against a private mock-cognito, offline.

The provider comes from a local filesystem mirror (no network): $MOCK_COGNITO_TF_PLUGINS, else the
first of TF_PLUGIN_DIRS holding registry.terraform.io/hashicorp/aws. Providers are unpacked once
into a plugin cache shared by every run ($MOCK_COGNITO_TF_PLUGIN_CACHE, default
<tmp>/mock-cognito-terraform-plugins), so `terraform init` only links them (about 3 s).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

PROVIDER_VERSION = "5.100.0"
TF_PLUGIN_DIRS = ["/opt/tf-plugins", "/usr/share/terraform/plugins", str(Path.home() / ".terraform.d" / "plugins")]
COMMAND_TIMEOUT = 600


def terraform_binary() -> str | None:
    return shutil.which("terraform")


def plugin_dir() -> Path | None:
    candidates = [os.environ.get("MOCK_COGNITO_TF_PLUGINS", "")] + TF_PLUGIN_DIRS
    for candidate in filter(None, candidates):
        if (Path(candidate) / "registry.terraform.io" / "hashicorp" / "aws").is_dir():
            return Path(candidate)
    return None


def missing_reason() -> str | None:
    """Why Terraform cannot run here, or None when it can."""
    if terraform_binary() is None:
        return "terraform is not on the PATH"
    if plugin_dir() is None:
        return ("no local mirror of the hashicorp/aws provider (set MOCK_COGNITO_TF_PLUGINS to a directory holding "
                "registry.terraform.io/hashicorp/aws/...)")
    return None


def provider_block(endpoint: str) -> str:
    return f'''terraform {{
  required_providers {{
    aws = {{ source = "hashicorp/aws", version = "{PROVIDER_VERSION}" }}
  }}
}}

provider "aws" {{
  region                      = "us-east-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  endpoints {{
    cognitoidp = "{endpoint}"
  }}
}}
'''


class Terraform:
    """One working directory with one configuration, applied against `endpoint`."""

    def __init__(self, workdir: Path, endpoint: str):
        self.workdir = workdir
        self.endpoint = endpoint
        cache = Path(os.environ.get("MOCK_COGNITO_TF_PLUGIN_CACHE",
                                    Path(tempfile.gettempdir()) / "mock-cognito-terraform-plugins"))
        cache.mkdir(parents=True, exist_ok=True)
        self.cli_config = workdir / "terraform.rc"
        self.cli_config.write_text(f'''provider_installation {{
  filesystem_mirror {{
    path    = "{plugin_dir()}"
    include = ["registry.terraform.io/*/*"]
  }}
  direct {{ exclude = ["registry.terraform.io/*/*"] }}
}}
plugin_cache_dir = "{cache}"
plugin_cache_may_break_dependency_lock_file = true
''')

    def write(self, resources: str) -> None:
        (self.workdir / "main.tf").write_text(provider_block(self.endpoint) + resources)

    def run(self, *args: str, ok_codes: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess:
        env = {**os.environ, "TF_CLI_CONFIG_FILE": str(self.cli_config), "TF_IN_AUTOMATION": "1", "TF_INPUT": "0",
               "CHECKPOINT_DISABLE": "1", "NO_COLOR": "1"}
        env.pop("TF_PLUGIN_CACHE_DIR", None)
        result = subprocess.run([terraform_binary(), *args, "-no-color"], cwd=self.workdir, env=env,
                                capture_output=True, text=True, timeout=COMMAND_TIMEOUT)
        assert result.returncode in ok_codes, (
            f"terraform {' '.join(args)} exited {result.returncode}:\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}")
        return result

    def init(self) -> None:
        self.run("init", "-input=false")

    def apply(self) -> None:
        self.run("apply", "-auto-approve", "-input=false")

    def assert_no_changes(self) -> None:
        """`plan -detailed-exitcode` exits 2 when anything drifted: a field answered unlike AWS."""
        result = self.run("plan", "-detailed-exitcode", "-input=false", ok_codes=(0, 2))
        assert result.returncode == 0, f"terraform plan found changes (drift):\n{result.stdout[-8000:]}"

    def destroy(self) -> None:
        self.run("destroy", "-auto-approve", "-input=false")

    def state_list(self) -> list[str]:
        return self.run("state", "list", ok_codes=(0, 1)).stdout.split()
