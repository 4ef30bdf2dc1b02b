"""Create/Describe/Update/Delete/ListIdentityProviders and GetIdentityProviderByIdentifier through boto3.
Texts: Sources/CognitoIdentityProvider/Support/CognitoErrors+IdentityProviders.swift (all [I]).
"""
from __future__ import annotations

import datetime

from e2e import aws_error, create_pool, strip_meta

GOOGLE = {"client_id": "id.apps.googleusercontent.com", "client_secret": "s3cret", "authorize_scopes": "openid email"}
# What AWS adds to every Google provider (the values Terraform configurations copy to avoid drift).
GOOGLE_FILLED = {
    "attributes_url": "https://people.googleapis.com/v1/people/me?personFields=",
    "attributes_url_add_attributes": "true",
    "authorize_url": "https://accounts.google.com/o/oauth2/v2/auth",
    "oidc_issuer": "https://accounts.google.com",
    "token_request_method": "POST",
    "token_url": "https://www.googleapis.com/oauth2/v4/token",
}
SAML = {"MetadataURL": "https://idp.example.com/metadata.xml", "IDPSignout": "true"}
OIDC = {"client_id": "c", "client_secret": "s", "attributes_request_method": "GET",
        "oidc_issuer": "https://issuer.example.com", "authorize_scopes": "openid"}


def test_google_provider_lifecycle(cognito):
    pool = create_pool(cognito)
    created = cognito.create_identity_provider(
        UserPoolId=pool["Id"], ProviderName="Google", ProviderType="Google", ProviderDetails=GOOGLE,
        AttributeMapping={"email": "email"})["IdentityProvider"]
    assert isinstance(created.pop("CreationDate"), datetime.datetime)
    assert isinstance(created.pop("LastModifiedDate"), datetime.datetime)
    assert created == {
        "UserPoolId": pool["Id"], "ProviderName": "Google", "ProviderType": "Google",
        "ProviderDetails": {**GOOGLE_FILLED, **GOOGLE},
        "AttributeMapping": {"email": "email", "username": "sub"}, "IdpIdentifiers": [],
    }
    described = cognito.describe_identity_provider(UserPoolId=pool["Id"], ProviderName="Google")["IdentityProvider"]
    assert described["ProviderDetails"] == {**GOOGLE_FILLED, **GOOGLE}
    # A client may now name the provider.
    cognito.create_user_pool_client(UserPoolId=pool["Id"], ClientName="web", SupportedIdentityProviders=["Google", "COGNITO"])
    updated = cognito.update_identity_provider(UserPoolId=pool["Id"], ProviderName="Google",
                                               AttributeMapping={"email": "email", "name": "name"})["IdentityProvider"]
    assert updated["AttributeMapping"] == {"email": "email", "name": "name", "username": "sub"}
    assert updated["ProviderDetails"] == described["ProviderDetails"]  # left out, kept
    assert strip_meta(cognito.delete_identity_provider(UserPoolId=pool["Id"], ProviderName="Google")) == {}
    with aws_error("ResourceNotFoundException", "Identity provider Google does not exist."):
        cognito.describe_identity_provider(UserPoolId=pool["Id"], ProviderName="Google")


def test_saml_and_oidc_and_identifiers(cognito):
    pool = create_pool(cognito)
    saml = cognito.create_identity_provider(
        UserPoolId=pool["Id"], ProviderName="Corp", ProviderType="SAML", ProviderDetails=SAML,
        AttributeMapping={"email": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"},
        IdpIdentifiers=["corp.example.com"])["IdentityProvider"]
    assert saml["ProviderDetails"] == SAML and "username" not in saml["AttributeMapping"]
    cognito.create_identity_provider(UserPoolId=pool["Id"], ProviderName="Okta", ProviderType="OIDC", ProviderDetails=OIDC)
    found = cognito.get_identity_provider_by_identifier(UserPoolId=pool["Id"], IdpIdentifier="corp.example.com")
    assert found["IdentityProvider"]["ProviderName"] == "Corp"
    with aws_error("ResourceNotFoundException", "Identity provider with identifier nope does not exist."):
        cognito.get_identity_provider_by_identifier(UserPoolId=pool["Id"], IdpIdentifier="nope")
    with aws_error("DuplicateProviderException", "Identifier corp.example.com is already used by another provider."):
        cognito.update_identity_provider(UserPoolId=pool["Id"], ProviderName="Okta", IdpIdentifiers=["corp.example.com"])
    with aws_error("DuplicateProviderException", "A provider with the name Corp already exists in this user pool."):
        cognito.create_identity_provider(UserPoolId=pool["Id"], ProviderName="Corp", ProviderType="SAML", ProviderDetails=SAML)
    listed = cognito.list_identity_providers(UserPoolId=pool["Id"], MaxResults=1)
    assert [p["ProviderName"] for p in listed["Providers"]] == ["Corp"]
    rest = cognito.list_identity_providers(UserPoolId=pool["Id"], MaxResults=1, NextToken=listed["NextToken"])
    assert [(p["ProviderName"], p["ProviderType"]) for p in rest["Providers"]] == [("Okta", "OIDC")]
    assert "NextToken" not in rest


def test_provider_details_rules(cognito):
    pool = create_pool(cognito)
    with aws_error("InvalidParameterException", "The provider name of a Google identity provider must be Google."):
        cognito.create_identity_provider(UserPoolId=pool["Id"], ProviderName="MyGoogle", ProviderType="Google",
                                         ProviderDetails=GOOGLE)
    with aws_error("InvalidParameterException", "ProviderDetails of a Google identity provider must include client_secret."):
        cognito.create_identity_provider(UserPoolId=pool["Id"], ProviderName="Google", ProviderType="Google",
                                         ProviderDetails={"client_id": "x", "authorize_scopes": "openid"})
    with aws_error("InvalidParameterException", "ProviderDetails of a SignInWithApple identity provider must include team_id."):
        cognito.create_identity_provider(UserPoolId=pool["Id"], ProviderName="SignInWithApple", ProviderType="SignInWithApple",
                                         ProviderDetails={"client_id": "x", "key_id": "k", "private_key": "p",
                                                          "authorize_scopes": "email"})
    with aws_error("InvalidParameterException",
                   "ProviderDetails of a SAML identity provider must include either MetadataURL or MetadataFile."):
        cognito.create_identity_provider(UserPoolId=pool["Id"], ProviderName="Corp", ProviderType="SAML", ProviderDetails={})
    with aws_error("InvalidParameterException", "Invalid attribute mapping: shoe_size is not an attribute of the user pool."):
        cognito.create_identity_provider(UserPoolId=pool["Id"], ProviderName="Google", ProviderType="Google",
                                         ProviderDetails=GOOGLE, AttributeMapping={"shoe_size": "size"})
    for kind, details, username in [
        ("Facebook", {"client_id": "a", "client_secret": "b", "authorize_scopes": "email", "api_version": "v6.0"}, "id"),
        ("LoginWithAmazon", {"client_id": "a", "client_secret": "b", "authorize_scopes": "profile"}, "user_id"),
        ("SignInWithApple", {"client_id": "a", "team_id": "t", "key_id": "k", "private_key": "p", "authorize_scopes": "email"}, "sub"),
    ]:
        made = cognito.create_identity_provider(UserPoolId=pool["Id"], ProviderName=kind, ProviderType=kind,
                                                ProviderDetails=details)["IdentityProvider"]
        assert made["AttributeMapping"] == {"username": username}
        assert made["ProviderDetails"]["token_url"].startswith("https://")
    facebook = cognito.describe_identity_provider(UserPoolId=pool["Id"], ProviderName="Facebook")["IdentityProvider"]
    assert facebook["ProviderDetails"]["token_url"] == "https://graph.facebook.com/v6.0/oauth/access_token"


def test_providers_survive_restart(fresh_server):
    cognito = fresh_server.client()
    pool = create_pool(cognito)
    cognito.create_identity_provider(UserPoolId=pool["Id"], ProviderName="Google", ProviderType="Google", ProviderDetails=GOOGLE)
    cognito.create_resource_server(UserPoolId=pool["Id"], Identifier="orders", Name="o",
                                   Scopes=[{"ScopeName": "read", "ScopeDescription": "r"}])
    before = cognito.describe_identity_provider(UserPoolId=pool["Id"], ProviderName="Google")["IdentityProvider"]
    fresh_server.restart()
    cognito = fresh_server.client()
    assert cognito.describe_identity_provider(UserPoolId=pool["Id"], ProviderName="Google")["IdentityProvider"] == before
    assert cognito.describe_resource_server(UserPoolId=pool["Id"], Identifier="orders")["ResourceServer"]["Scopes"] == [
        {"ScopeName": "read", "ScopeDescription": "r"}]
