"""Shared set-up for the OAuth 2.0 / managed login end-to-end tests: a pool with a domain, a resource
server, app clients with OAuth settings, and a local callback server that receives redirects."""
from __future__ import annotations

import http.server
import re
import threading
import urllib.parse

from e2e import create_pool, unique_name


class Callback:
    """A local HTTP server standing in for the app's redirect URI; remembers every query it receives."""

    def __init__(self):
        received = self.received = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                parts = urllib.parse.urlsplit(self.path)
                if parts.path == "/callback":  # not /favicon.ico or the sign-out page
                    received.append(dict(urllib.parse.parse_qsl(parts.query)))
                body = b"<!DOCTYPE html><title>Signed in</title><h1>Back in the app</h1>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.url = f"http://localhost:{self.port}/callback"
        self.logout_url = f"http://localhost:{self.port}/signed-out"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def oauth_pool(cognito, callback: Callback, mfa: str = "OFF", **pool_kwargs):
    """A pool with a prefix domain, a resource server `api` (scopes read, write), a public client for
    the code flow (and implicit) and a confidential client for client_credentials. Returns a dict."""
    pool = create_pool(cognito, **pool_kwargs)
    domain = unique_name("login").lower()
    cognito.create_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)
    cognito.create_resource_server(
        UserPoolId=pool["Id"], Identifier="api", Name="API",
        Scopes=[{"ScopeName": "read", "ScopeDescription": "read"}, {"ScopeName": "write", "ScopeDescription": "write"}])
    web = cognito.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="web", AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code", "implicit"], AllowedOAuthScopes=["openid", "email", "profile", "api/read", "aws.cognito.signin.user.admin"],
        CallbackURLs=[callback.url], LogoutURLs=[callback.logout_url], SupportedIdentityProviders=["COGNITO"],
    )["UserPoolClient"]
    machine = cognito.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="machine", GenerateSecret=True, AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["client_credentials"], AllowedOAuthScopes=["api/read", "api/write"],
    )["UserPoolClient"]
    if mfa != "OFF":
        cognito.set_user_pool_mfa_config(
            UserPoolId=pool["Id"], MfaConfiguration=mfa, SoftwareTokenMfaConfiguration={"Enabled": True})
    return {"pool": pool, "domain": domain, "web": web, "machine": machine}


def domain_base(server, domain: str) -> str:
    """The path form of the domain's URLs: needs no name resolution."""
    return f"{server.url}/_domain/{domain}"


def confirmed_user(cognito, pool_id: str, username: str, password: str = "Passw0rd!x", **attributes):
    attributes.setdefault("email", f"{username}@example.com")
    cognito.admin_create_user(
        UserPoolId=pool_id, Username=username, MessageAction="SUPPRESS",
        UserAttributes=[{"Name": k, "Value": v} for k, v in attributes.items()] + [{"Name": "email_verified", "Value": "true"}])
    cognito.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=password, Permanent=True)
    return password


FORM_RE = re.compile(r'<form method="post" action="([^"]+)">(.*?)</form>', re.S)
INPUT_RE = re.compile(r'<input ([^>]*)>')
ATTR_RE = re.compile(r'(\w[\w-]*)="([^"]*)"')


def page_form(html: str) -> tuple[str, dict]:
    """The page's form: its action and its hidden fields (values unescaped)."""
    import html as html_lib
    match = FORM_RE.search(html)
    assert match, html
    fields = {}
    for tag in INPUT_RE.findall(match.group(2)):
        attrs = {k: html_lib.unescape(v) for k, v in ATTR_RE.findall(tag)}
        if attrs.get("type") == "hidden":
            fields[attrs["name"]] = attrs["value"]
    return html_lib.unescape(match.group(1)), fields


def page_error(html: str) -> str | None:
    import html as html_lib
    match = re.search(r'<p class="error" role="alert">(.*?)</p>', html)
    return html_lib.unescape(match.group(1)) if match else None
