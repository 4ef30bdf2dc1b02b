"""Terraform (hashicorp/aws provider 5.100.0) against mock-cognito: every configuration is applied,
`terraform plan -detailed-exitcode` must then report no changes (any drift is a field answered unlike
AWS: fix the server, not the configuration), an update of each resource must apply cleanly and plan
clean again, and `terraform destroy` must leave nothing on the server.

Each configuration runs in its own temporary directory against its own server, as ordered stages
(apply, plan, update, plan, destroy) that share one module fixture, so that no single test runs for
minutes. Skipped when Terraform or a local mirror of the provider is absent (see terraform_harness.py).

What the provider calls, and gets, for these resources: CreateUserPool, DescribeUserPool,
GetUserPoolMfaConfig, SetUserPoolMfaConfig, UpdateUserPool, DeleteUserPool, Create/Describe/Update/
DeleteUserPoolDomain, Create/Describe/Update/DeleteResourceServer, Create/Describe/Update/
DeleteIdentityProvider, Create/Describe/Update/DeleteUserPoolClient, AdminCreateUser, AdminGetUser,
AdminUpdateUserAttributes, AdminDeleteUser; with groups, tags and custom attributes also CreateGroup,
GetGroup, UpdateGroup, DeleteGroup, AdminAddUserToGroup, AdminListGroupsForUser,
AdminRemoveUserFromGroup, TagResource, UntagResource and AddCustomAttributes.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from e2e import post
from terraform_harness import Terraform, missing_reason

CONFIGS = Path(__file__).parent / "terraform"

pytestmark = pytest.mark.skipif(missing_reason() is not None, reason=f"Terraform end-to-end tests: {missing_reason()}")

# The operations the groups configuration needs beyond this branch's; while the server answers
# UnknownOperationException for any of them, those stages are skipped (they run as soon as the
# operations exist: no edit needed when the groups branch is merged).
GROUP_OPERATIONS = ["CreateGroup", "GetGroup", "UpdateGroup", "DeleteGroup", "AdminAddUserToGroup",
                    "AdminListGroupsForUser", "ListUsersInGroup", "AdminRemoveUserFromGroup", "TagResource",
                    "UntagResource", "AddCustomAttributes"]

FULL = (CONFIGS / "full.tf").read_text()

# One change to every resource (tags stay: changing them needs TagResource, see GROUPS).
FULL_UPDATES = [
    ("minimum_length                   = 10", "minimum_length                   = 12"),
    ('mfa_configuration        = "OPTIONAL"', 'mfa_configuration        = "ON"'),
    ('  domain       = "tf-full-login"\n', '  domain       = "tf-full-login"\n  managed_login_version = 2\n'),
    ('    scope_description = "Write things"\n  }\n',
     '    scope_description = "Write things"\n  }\n  scope {\n    scope_name        = "admin"\n'
     '    scope_description = "Administer"\n  }\n'),
    ('    email    = "email"\n    username = "sub"', '    email    = "email"\n    name     = "name"\n    username = "sub"'),
    ("https://idp.example.com/metadata.xml", "https://idp.example.com/v2/metadata.xml"),
    ("certificate/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111", "certificate/a1b2c3d4-5678-90ab-cdef-EXAMPLE22222"),
    ('"http://localhost:3000/callback"]', '"http://localhost:3000/callback", "https://app.example.com/again"]'),
    ('allowed_oauth_scopes                 = ["https://api.example.com/read"]',
     'allowed_oauth_scopes                 = ["https://api.example.com/read", "https://api.example.com/write"]'),
    ('    email_verified = true\n', '    email_verified = true\n    given_name     = "Alice"\n'),
]

GROUPS = (CONFIGS / "groups.tf").read_text()

GROUPS_UPDATES = [
    ('tags = { team = "identity" }', 'tags = { team = "identity", env = "test" }'),
    ('  schema {\n    name                     = "tenant"',
     '  schema {\n    name                     = "plan"\n    attribute_data_type      = "String"\n'
     '    mutable                  = true\n    developer_only_attribute = false\n'
     '    string_attribute_constraints {\n      min_length = 1\n      max_length = 16\n    }\n  }\n'
     '  schema {\n    name                     = "tenant"'),
    ('description  = "Administrators"', 'description  = "Administrators of everything"'),
    ("precedence   = 10", "precedence   = 5"),
    ("group_name   = aws_cognito_user_group.admins.name", "group_name   = aws_cognito_user_group.readers.name"),
]


def updated(config: str, replacements: list[tuple[str, str]]) -> str:
    for old, new in replacements:
        assert old in config, old
        config = config.replace(old, new, 1)
    return config


def unknown_operations(server, operations: list[str]) -> list[str]:
    """The operations the server answers UnknownOperationException."""
    return [op for op in operations
            if post(server, f"AWSCognitoIdentityProviderService.{op}", {}).json().get("__type") == "UnknownOperationException"]


class Stack:
    """A configuration's working directory, its server and the stage it reached."""

    def __init__(self, terraform: Terraform, server, config: str, updates):
        self.terraform, self.server, self.config, self.updates = terraform, server, config, updates
        self.reached: set[str] = set()

    def need(self, stage: str) -> None:
        if stage not in self.reached:
            pytest.skip(f"the {stage} stage did not pass")


def make_stack(tmp_path_factory, server_factory_module, name: str, config: str, updates,
               needs: list[str] = ()) -> Stack:
    workdir = tmp_path_factory.mktemp(f"terraform-{name}")
    server = server_factory_module(workdir)
    missing = unknown_operations(server, list(needs))
    if missing:
        pytest.skip("waits for the groups branch: the server answers UnknownOperationException for "
                    + ", ".join(missing))
    terraform = Terraform(workdir, server.url)
    terraform.write(config)
    terraform.init()
    return Stack(terraform, server, config, updates)


@pytest.fixture(scope="module")
def server_factory_module():
    from e2e import Server
    started = []

    def make(workdir):
        server = Server(workdir).start()
        started.append(server)
        return server

    yield make
    for server in started:
        if server.running():
            assert server.stop() == 0, server.stderr()[-4000:]


@pytest.fixture(scope="module")
def full(tmp_path_factory, server_factory_module):
    return make_stack(tmp_path_factory, server_factory_module, "full", FULL, FULL_UPDATES)


@pytest.fixture(scope="module")
def groups(tmp_path_factory, server_factory_module):
    return make_stack(tmp_path_factory, server_factory_module, "groups", GROUPS, GROUPS_UPDATES, GROUP_OPERATIONS)


def apply_stage(stack: Stack) -> None:
    stack.terraform.apply()
    stack.reached.add("apply")


def plan_stage(stack: Stack, after: str) -> None:
    stack.need(after)
    stack.terraform.assert_no_changes()
    stack.reached.add(f"plan after {after}")


def update_stage(stack: Stack) -> None:
    stack.need("plan after apply")
    stack.terraform.write(updated(stack.config, stack.updates))
    stack.terraform.apply()
    stack.reached.add("update")


def destroy_stage(stack: Stack) -> None:
    stack.need("apply")
    stack.terraform.destroy()
    assert stack.terraform.state_list() == []
    cognito = stack.server.client()
    assert cognito.list_user_pools(MaxResults=60)["UserPools"] == []


# -- the full pool: MFA, schema, tags, devices, recovery, domains, resource server, providers, clients, user --
def test_full_apply(full):
    apply_stage(full)
    cognito = full.server.client()
    pool_id = cognito.list_user_pools(MaxResults=60)["UserPools"][0]["Id"]
    pool = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert (pool["Domain"], pool["CustomDomain"]) == ("tf-full-login", "auth.tf-full.example.com")
    assert (pool["MfaConfiguration"], pool["UserPoolTags"]) == ("OPTIONAL", {"team": "identity"})
    assert cognito.describe_user_pool_domain(Domain="tf-full-login")["DomainDescription"]["Status"] == "ACTIVE"


def test_full_plans_clean(full):
    plan_stage(full, "apply")


def test_full_update(full):
    update_stage(full)
    cognito = full.server.client()
    pool_id = cognito.list_user_pools(MaxResults=60)["UserPools"][0]["Id"]
    assert cognito.describe_user_pool_domain(Domain="tf-full-login")["DomainDescription"]["ManagedLoginVersion"] == 2
    server = cognito.describe_resource_server(UserPoolId=pool_id, Identifier="https://api.example.com")["ResourceServer"]
    assert sorted(s["ScopeName"] for s in server["Scopes"]) == ["admin", "read", "write"]  # a set in Terraform
    custom = cognito.describe_user_pool_domain(Domain="auth.tf-full.example.com")["DomainDescription"]
    assert custom["CustomDomainConfig"]["CertificateArn"].endswith("EXAMPLE22222")


def test_full_plans_clean_after_update(full):
    plan_stage(full, "update")


def test_full_destroy_leaves_nothing(full):
    destroy_stage(full)
    cognito = full.server.client()
    assert cognito.describe_user_pool_domain(Domain="tf-full-login")["DomainDescription"] == {}
    assert cognito.describe_user_pool_domain(Domain="auth.tf-full.example.com")["DomainDescription"] == {}


# -- groups, membership, tags and custom attributes (operations of the groups branch) -------------
def test_groups_apply(groups):
    apply_stage(groups)


def test_groups_plans_clean(groups):
    plan_stage(groups, "apply")


def test_groups_update(groups):
    update_stage(groups)


def test_groups_plans_clean_after_update(groups):
    plan_stage(groups, "update")


def test_groups_destroy_leaves_nothing(groups):
    destroy_stage(groups)
