"""Create/Describe/Update/Delete/ListResourceServers and app clients' OAuth settings through boto3.
Evidence for each text: Sources/CognitoIdentityProvider/Support/CognitoErrors+OAuth.swift ([R]/[I] tags).
"""
from __future__ import annotations

import pytest

from e2e import aws_error, create_pool, strip_meta, validation_message

SCOPES = [{"ScopeName": "read", "ScopeDescription": "Read"}, {"ScopeName": "write", "ScopeDescription": "Write"}]


def new_server(cognito, pool_id, identifier="https://api.example.com", **kwargs):
    kwargs.setdefault("Name", "api")
    return cognito.create_resource_server(UserPoolId=pool_id, Identifier=identifier, **kwargs)["ResourceServer"]


def test_resource_server_lifecycle(cognito):
    pool = create_pool(cognito)
    created = new_server(cognito, pool["Id"], Scopes=SCOPES)
    expected = {"UserPoolId": pool["Id"], "Identifier": "https://api.example.com", "Name": "api", "Scopes": SCOPES}
    assert created == expected
    assert cognito.describe_resource_server(UserPoolId=pool["Id"], Identifier="https://api.example.com")["ResourceServer"] == expected
    # Update replaces the name and the whole scope list.
    updated = cognito.update_resource_server(UserPoolId=pool["Id"], Identifier="https://api.example.com", Name="api2",
                                             Scopes=SCOPES[:1])["ResourceServer"]
    assert updated == {**expected, "Name": "api2", "Scopes": SCOPES[:1]}
    assert cognito.update_resource_server(UserPoolId=pool["Id"], Identifier="https://api.example.com",
                                          Name="api2")["ResourceServer"]["Scopes"] == []
    assert strip_meta(cognito.delete_resource_server(UserPoolId=pool["Id"], Identifier="https://api.example.com")) == {}
    with aws_error("ResourceNotFoundException", "Resource server https://api.example.com does not exist."):
        cognito.describe_resource_server(UserPoolId=pool["Id"], Identifier="https://api.example.com")
    with aws_error("ResourceNotFoundException", "Resource server https://api.example.com does not exist."):
        cognito.delete_resource_server(UserPoolId=pool["Id"], Identifier="https://api.example.com")


def test_resource_server_errors(cognito):
    pool = create_pool(cognito)
    new_server(cognito, pool["Id"], "orders")
    with aws_error("InvalidParameterException", f"Resource server orders already exists in user pool {pool['Id']}."):
        new_server(cognito, pool["Id"], "orders")
    with aws_error("InvalidParameterException", "Duplicate scope name read in resource server scopes."):
        new_server(cognito, pool["Id"], "other", Scopes=[SCOPES[0], SCOPES[0]])
    with aws_error("ResourceNotFoundException", "User pool us-east-1_000000000 does not exist."):
        new_server(cognito, "us-east-1_000000000", "orders")
    # The model's constraints: a scope name may not contain '/'.
    with aws_error("InvalidParameterException", validation_message(
            "a/b", "scopes.1.member.scopeName",
            r"Member must satisfy regular expression pattern: [\x21\x23-\x2E\x30-\x5B\x5D-\x7E]+")):
        new_server(cognito, pool["Id"], "x", Scopes=[{"ScopeName": "a/b", "ScopeDescription": "d"}])


def test_list_resource_servers_pages(cognito):
    pool = create_pool(cognito)
    for i in range(5):
        new_server(cognito, pool["Id"], f"api-{i}")
    seen, kwargs = [], {"UserPoolId": pool["Id"], "MaxResults": 2}
    while True:
        page = cognito.list_resource_servers(**kwargs)
        assert len(page["ResourceServers"]) <= 2
        seen += [s["Identifier"] for s in page["ResourceServers"]]
        if "NextToken" not in page:
            break
        kwargs["NextToken"] = page["NextToken"]
    assert seen == [f"api-{i}" for i in range(5)]
    with aws_error("InvalidParameterException", "Invalid pagination token."):
        cognito.list_resource_servers(UserPoolId=pool["Id"], MaxResults=2, NextToken="bm9wZQ==")


# -- OAuth settings of app clients ----------------------------------------------------------------
def oauth_client(cognito, pool_id, **kwargs):
    kwargs.setdefault("ClientName", "oauth")
    return cognito.create_user_pool_client(UserPoolId=pool_id, **kwargs)["UserPoolClient"]


def test_m2m_client_with_custom_scope(cognito):
    pool = create_pool(cognito)
    new_server(cognito, pool["Id"], "orders", Scopes=SCOPES)
    client = oauth_client(cognito, pool["Id"], GenerateSecret=True, AllowedOAuthFlows=["client_credentials"],
                          AllowedOAuthScopes=["orders/read"], AllowedOAuthFlowsUserPoolClient=True)
    assert (client["AllowedOAuthFlows"], client["AllowedOAuthScopes"]) == (["client_credentials"], ["orders/read"])
    assert client["AllowedOAuthFlowsUserPoolClient"] is True


def test_client_credentials_rules(cognito):
    pool = create_pool(cognito)
    new_server(cognito, pool["Id"], "orders", Scopes=SCOPES)
    with aws_error("InvalidOAuthFlowException",
                   "client_credentials flow can not be selected if client does not have a client secret."):
        oauth_client(cognito, pool["Id"], AllowedOAuthFlows=["client_credentials"], AllowedOAuthScopes=["orders/read"])
    with aws_error("InvalidOAuthFlowException",
                   "client_credentials flow can not be selected along with code flow or implicit flow."):
        oauth_client(cognito, pool["Id"], GenerateSecret=True, AllowedOAuthFlows=["client_credentials", "code"],
                     AllowedOAuthScopes=["orders/read"], CallbackURLs=["https://example.com/cb"])
    with aws_error("InvalidOAuthFlowException", "client_credentials flow can only be used with custom scopes."):
        oauth_client(cognito, pool["Id"], GenerateSecret=True, AllowedOAuthFlows=["client_credentials"],
                     AllowedOAuthScopes=["openid"])
    with aws_error("ScopeDoesNotExistException", "Invalid scope requested: orders/delete"):
        oauth_client(cognito, pool["Id"], GenerateSecret=True, AllowedOAuthFlows=["client_credentials"],
                     AllowedOAuthScopes=["orders/delete"])
    # Update checks the same, against the stored client's secret.
    public = oauth_client(cognito, pool["Id"])
    with aws_error("InvalidOAuthFlowException",
                   "client_credentials flow can not be selected if client does not have a client secret."):
        cognito.update_user_pool_client(UserPoolId=pool["Id"], ClientId=public["ClientId"],
                                        AllowedOAuthFlows=["client_credentials"], AllowedOAuthScopes=["orders/read"])


def test_code_flow_urls_and_providers(cognito):
    pool = create_pool(cognito)
    with aws_error("InvalidOAuthFlowException", "CallbackUrls can not be empty when code flow or implicit flow is selected"):
        oauth_client(cognito, pool["Id"], AllowedOAuthFlows=["code"], AllowedOAuthScopes=["openid"])
    with aws_error("InvalidParameterException",
                   "Invalid redirect URL http://example.com/cb: HTTPS is required except for http://localhost."):
        oauth_client(cognito, pool["Id"], AllowedOAuthFlows=["code"], AllowedOAuthScopes=["openid"],
                     CallbackURLs=["http://example.com/cb"])
    with aws_error("InvalidParameterException",
                   "Invalid redirect URL https://example.com/cb#x: it must be an absolute URL without a fragment."):
        oauth_client(cognito, pool["Id"], LogoutURLs=["https://example.com/cb#x"])
    with aws_error("InvalidParameterException", "DefaultRedirectURI must be one of the CallbackURLs."):
        oauth_client(cognito, pool["Id"], CallbackURLs=["https://example.com/cb"], DefaultRedirectURI="https://example.com/other")
    with aws_error("InvalidParameterException", f"The provider Google does not exist for User Pool {pool['Id']}"):
        oauth_client(cognito, pool["Id"], SupportedIdentityProviders=["COGNITO", "Google"])
    client = oauth_client(
        cognito, pool["Id"], AllowedOAuthFlows=["code", "implicit"], AllowedOAuthScopes=["openid", "email", "profile"],
        CallbackURLs=["http://localhost:3000/cb", "http://127.0.0.1/cb", "myapp://callback", "https://example.com/cb"],
        LogoutURLs=["http://localhost:3000/out"], DefaultRedirectURI="https://example.com/cb",
        SupportedIdentityProviders=["COGNITO"], AllowedOAuthFlowsUserPoolClient=True)
    assert client["DefaultRedirectURI"] == "https://example.com/cb"
    assert client["CallbackURLs"][0] == "http://localhost:3000/cb"


def test_custom_scope_after_server_deleted_stays_on_client(cognito):
    pool = create_pool(cognito)
    new_server(cognito, pool["Id"], "orders", Scopes=SCOPES)
    client = oauth_client(cognito, pool["Id"], GenerateSecret=True, AllowedOAuthFlows=["client_credentials"],
                          AllowedOAuthScopes=["orders/write"])
    cognito.delete_resource_server(UserPoolId=pool["Id"], Identifier="orders")
    described = cognito.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"])["UserPoolClient"]
    assert described["AllowedOAuthScopes"] == ["orders/write"]
