"""CreateUserPoolDomain, DescribeUserPoolDomain, UpdateUserPoolDomain and DeleteUserPoolDomain through
boto3, and the domains in DescribeUserPool. Evidence for each text is beside it and in
Sources/CognitoIdentityProvider/Support/CognitoErrors+Domains.swift.
"""
from __future__ import annotations

import datetime
import re

import pytest

from e2e import aws_error, control, create_pool, strip_meta, unique_name, validation_message

CERT = "arn:aws:acm:us-east-1:123456789012:certificate/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
NO_SUCH_DOMAIN = "No such domain or user pool exists."  # [R] amplify-cli e2e tests
TAKEN = "Domain already associated with another user pool."  # [R] aws-cdk-examples#402 and others
HAS_DOMAIN = "User pool already has a domain configured."  # [R] aws-cdk#10062 as quoted
BAD_PREFIX = ("The domain name contains an invalid character. Domain names can only contain lower-case "
              "letters, numbers, and hyphens. Please enter a different name that follows this format: "
              r"^[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?$")  # [R] mineiros-io/terraform-aws-cognito-user-pool#69
NOT_SUBDOMAIN = ("Custom domain is not a valid subdomain: Was not able to resolve a DNS A record for the parent "
                 "domain or domain parent is a top-level domain.")


def prefix() -> str:
    return unique_name("d").lower()


def test_prefix_domain_lifecycle(cognito, server):
    pool = create_pool(cognito)
    name = prefix()
    assert strip_meta(cognito.create_user_pool_domain(UserPoolId=pool["Id"], Domain=name)) == {"ManagedLoginVersion": 1}
    described = cognito.describe_user_pool_domain(Domain=name)["DomainDescription"]
    version = described.pop("Version")
    # A UTC timestamp yyyyMMddHHmmss, as every real output shows (e.g. "20250817223209").
    assert re.fullmatch(r"20\d{12}", version)
    stamp = datetime.datetime.strptime(version, "%Y%m%d%H%M%S").replace(tzinfo=datetime.timezone.utc)
    assert abs(datetime.datetime.now(datetime.timezone.utc) - stamp) < datetime.timedelta(minutes=5)
    # Real us-east-1 prefix-domain outputs (AWS CLI docs, 2017-2025 blog outputs).
    assert described == {
        "UserPoolId": pool["Id"], "AWSAccountId": "000000000000", "Domain": name,
        "S3Bucket": "aws-cognito-prod-iad-assets", "CloudFrontDistribution": "d3oia8etllorh5.cloudfront.net",
        "Status": "ACTIVE", "ManagedLoginVersion": 1,
    }
    assert cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["Domain"] == name
    assert "CustomDomain" not in cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]

    assert strip_meta(cognito.update_user_pool_domain(UserPoolId=pool["Id"], Domain=name, ManagedLoginVersion=2)) == {
        "ManagedLoginVersion": 2}
    assert cognito.describe_user_pool_domain(Domain=name)["DomainDescription"]["ManagedLoginVersion"] == 2
    # Left out, the version is kept.
    assert strip_meta(cognito.update_user_pool_domain(UserPoolId=pool["Id"], Domain=name)) == {"ManagedLoginVersion": 2}

    assert strip_meta(cognito.delete_user_pool_domain(UserPoolId=pool["Id"], Domain=name)) == {}
    # An unknown domain is a 200 with an empty description [R: amplify-cli e2e tests].
    assert strip_meta(cognito.describe_user_pool_domain(Domain=name)) == {"DomainDescription": {}}
    assert "Domain" not in cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    with aws_error("InvalidParameterException", NO_SUCH_DOMAIN):
        cognito.delete_user_pool_domain(UserPoolId=pool["Id"], Domain=name)


def test_custom_domain_lifecycle(cognito):
    pool = create_pool(cognito)
    name = f"auth.{prefix()}.example.com"
    created = strip_meta(cognito.create_user_pool_domain(
        UserPoolId=pool["Id"], Domain=name, CustomDomainConfig={"CertificateArn": CERT}))
    assert created["ManagedLoginVersion"] == 1
    assert re.fullmatch(r"d[a-z0-9]{13}\.cloudfront\.net", created["CloudFrontDomain"])
    described = cognito.describe_user_pool_domain(Domain=name)["DomainDescription"]
    assert described["CustomDomainConfig"] == {"CertificateArn": CERT}
    assert described["CloudFrontDistribution"] == created["CloudFrontDomain"]
    # A pool may hold a prefix domain and a custom domain together.
    cognito.create_user_pool_domain(UserPoolId=pool["Id"], Domain=(p := prefix()))
    user_pool = cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    assert (user_pool["Domain"], user_pool["CustomDomain"]) == (p, name)

    other = CERT.replace("EXAMPLE11111", "EXAMPLE22222")
    updated = strip_meta(cognito.update_user_pool_domain(
        UserPoolId=pool["Id"], Domain=name, CustomDomainConfig={"CertificateArn": other}, ManagedLoginVersion=2))
    assert updated == {"ManagedLoginVersion": 2, "CloudFrontDomain": created["CloudFrontDomain"]}
    assert cognito.describe_user_pool_domain(Domain=name)["DomainDescription"]["CustomDomainConfig"] == {
        "CertificateArn": other}


def test_prefix_rules(cognito):
    pool = create_pool(cognito)
    for word in ("aws", "amazon", "cognito"):
        with aws_error("InvalidParameterException", f"Domain cannot contain reserved word: {word}"):
            cognito.create_user_pool_domain(UserPoolId=pool["Id"], Domain=f"my-{word}-login")
    for bad in ("Upper", "auth.example.com", "-lead", "trail-", "under_score"):
        with aws_error("InvalidParameterException", BAD_PREFIX):
            cognito.create_user_pool_domain(UserPoolId=pool["Id"], Domain=bad)
    with aws_error("InvalidParameterException", validation_message("a" * 64, "domain", "Member must have length less than or equal to 63")):
        cognito.create_user_pool_domain(UserPoolId=pool["Id"], Domain="a" * 64)
    for bad in ("example.com", "auth..example.com", "auth.exa mple.com"):
        with aws_error("InvalidParameterException", NOT_SUBDOMAIN):
            cognito.create_user_pool_domain(UserPoolId=pool["Id"], Domain=bad, CustomDomainConfig={"CertificateArn": CERT})
    with aws_error("InvalidParameterException", "Invalid ManagedLoginVersion. Valid values are 1 and 2."):
        cognito.create_user_pool_domain(UserPoolId=pool["Id"], Domain=prefix(), ManagedLoginVersion=3)


def test_uniqueness(cognito, server):
    first, second = create_pool(cognito), create_pool(cognito)
    name = prefix()
    cognito.create_user_pool_domain(UserPoolId=first["Id"], Domain=name)
    with aws_error("InvalidParameterException", HAS_DOMAIN):
        cognito.create_user_pool_domain(UserPoolId=first["Id"], Domain=prefix())
    with aws_error("InvalidParameterException", TAKEN):
        cognito.create_user_pool_domain(UserPoolId=second["Id"], Domain=name)
    # Prefixes are unique per region: another region may use the same prefix.
    west = server.client(region="eu-west-1")
    west_pool = create_pool(west)
    west.create_user_pool_domain(UserPoolId=west_pool["Id"], Domain=name)
    described = west.describe_user_pool_domain(Domain=name)["DomainDescription"]
    assert (described["UserPoolId"], described["S3Bucket"]) == (west_pool["Id"], "aws-cognito-prod-dub-assets")
    assert cognito.describe_user_pool_domain(Domain=name)["DomainDescription"]["UserPoolId"] == first["Id"]
    # A pool with a domain cannot be deleted [R: terraform-provider-aws#16479]; deleting the domain frees it.
    with aws_error("InvalidParameterException",
                   "User pool cannot be deleted. It has a domain configured that should be deleted first."):
        cognito.delete_user_pool(UserPoolId=first["Id"])
    cognito.delete_user_pool_domain(UserPoolId=first["Id"], Domain=name)
    cognito.delete_user_pool(UserPoolId=first["Id"])
    assert strip_meta(cognito.describe_user_pool_domain(Domain=name)) == {"DomainDescription": {}}
    cognito.create_user_pool_domain(UserPoolId=second["Id"], Domain=name)


def test_wrong_pool_or_domain(cognito):
    pool, other = create_pool(cognito), create_pool(cognito)
    name = prefix()
    cognito.create_user_pool_domain(UserPoolId=pool["Id"], Domain=name)
    for pool_id in (other["Id"], "us-east-1_000000000"):
        with aws_error("InvalidParameterException", NO_SUCH_DOMAIN):
            cognito.delete_user_pool_domain(UserPoolId=pool_id, Domain=name)
        with aws_error("InvalidParameterException", NO_SUCH_DOMAIN):
            cognito.update_user_pool_domain(UserPoolId=pool_id, Domain=name, ManagedLoginVersion=2)
    with aws_error("ResourceNotFoundException", "User pool us-east-1_000000000 does not exist."):
        cognito.create_user_pool_domain(UserPoolId="us-east-1_000000000", Domain=prefix())
    with aws_error("InvalidParameterException", NO_SUCH_DOMAIN):
        cognito.update_user_pool_domain(UserPoolId=pool["Id"], Domain=name, CustomDomainConfig={"CertificateArn": CERT})


def test_domain_survives_restart(fresh_server):
    cognito = fresh_server.client()
    pool = create_pool(cognito)
    name = prefix()
    cognito.create_user_pool_domain(UserPoolId=pool["Id"], Domain=name, ManagedLoginVersion=2)
    before = cognito.describe_user_pool_domain(Domain=name)["DomainDescription"]
    fresh_server.restart()
    cognito = fresh_server.client()
    assert cognito.describe_user_pool_domain(Domain=name)["DomainDescription"] == before


def test_reset_removes_domains_servers_and_providers(fresh_server):
    import urllib.request
    cognito = fresh_server.client()
    pool = create_pool(cognito)
    name = prefix()
    cognito.create_user_pool_domain(UserPoolId=pool["Id"], Domain=name)
    cognito.create_resource_server(UserPoolId=pool["Id"], Identifier="orders", Name="o")
    assert control(fresh_server, "POST", "/_mock/reset").status == 200
    assert strip_meta(cognito.describe_user_pool_domain(Domain=name)) == {"DomainDescription": {}}
    # The prefix is free again.
    cognito.create_user_pool_domain(UserPoolId=create_pool(cognito)["Id"], Domain=name)
