"""The domain's OAuth 2.0 / OIDC endpoints driven by Authlib (PyPI), as a web app or a service would:
client credentials, authorization code with PKCE against a local callback, refresh, userInfo and
revocation, the ID token checked against the JWKS named by the discovery document. The login form is
filled in by a `requests` session here; Tests/EndToEnd/test_managed_login_browser.py does it in a
real browser. Error codes: AWS's token endpoint page lists invalid_request, invalid_client,
invalid_grant, unauthorized_client and unsupported_grant_type, each with HTTP 400.
"""
from __future__ import annotations

import base64
import html
import re
import json
import urllib.parse

import pytest
import requests

authlib = pytest.importorskip("authlib", reason="Authlib (PyPI) is needed for the OAuth tests: pip install authlib")
from authlib.integrations.requests_client import OAuth2Session  # noqa: E402
from authlib.jose import JsonWebKey, jwt  # noqa: E402
from authlib.common.security import generate_token  # noqa: E402

from e2e import Server  # noqa: E402
from oauth_support import Callback, confirmed_user, domain_base, oauth_pool, page_error, page_form  # noqa: E402



@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A server of this module's own: these tests move its clock (/_mock/clock), which must not
    reach the other modules' shared server."""
    private = Server(tmp_path_factory.mktemp("oauth")).start()
    yield private
    assert private.stop() == 0


@pytest.fixture
def callback():
    cb = Callback()
    yield cb
    cb.close()


@pytest.fixture
def setup(cognito, server, callback):
    made = oauth_pool(cognito, callback)
    made["base"] = domain_base(server, made["domain"])
    made["discovery"] = requests.get(f"{server.url}/{made['pool']['Id']}/.well-known/openid-configuration").json()
    return made


def claims(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def server_now(setup) -> int:
    """The server's clock (other tests move it forward with /_mock/clock): tokens are dated by it."""
    return int(requests.get(setup["base"].split("/_domain/")[0] + "/_mock/clock").json()["now"])


def jwks(discovery) -> object:
    return JsonWebKey.import_key_set(requests.get(discovery["jwks_uri"]).json())


def sign_in_through_pages(browser: requests.Session, authorize_url: str, username: str, password: str) -> requests.Response:
    page = browser.get(authorize_url)
    assert page.status_code == 200 and "<h1>Sign in</h1>" in page.text, page.text
    action, fields = page_form(page.text)
    return browser.post(urllib.parse.urljoin(page.url, action), data={**fields, "username": username, "password": password})


# -- discovery ---------------------------------------------------------------------------------------
def test_discovery_names_the_domain_endpoints(setup, server):
    d = setup["discovery"]
    base = setup["base"]
    assert d["authorization_endpoint"] == f"{base}/oauth2/authorize"
    assert d["token_endpoint"] == f"{base}/oauth2/token"
    assert d["userinfo_endpoint"] == f"{base}/oauth2/userInfo"
    assert d["revocation_endpoint"] == f"{base}/oauth2/revoke"
    assert d["issuer"] == f"{server.url}/{setup['pool']['Id']}"


# -- client credentials -------------------------------------------------------------------------------
def test_client_credentials_basic_and_post(setup):
    machine = setup["machine"]
    for method in ("client_secret_basic", "client_secret_post"):
        client = OAuth2Session(machine["ClientId"], machine["ClientSecret"], token_endpoint_auth_method=method,
                               scope="api/read")
        token = client.fetch_token(setup["discovery"]["token_endpoint"], grant_type="client_credentials")
        assert token["token_type"] == "Bearer" and token["expires_in"] == 3600
        assert "refresh_token" not in token and "id_token" not in token
        decoded = jwt.decode(token["access_token"], jwks(setup["discovery"]))
        decoded.validate(now=server_now(setup))
        assert decoded["sub"] == machine["ClientId"] and decoded["client_id"] == machine["ClientId"]
        assert decoded["scope"] == "api/read" and decoded["token_use"] == "access"
        assert decoded["iss"] == setup["discovery"]["issuer"]
        assert "username" not in decoded and "origin_jti" not in decoded
    # No scope asked: every custom scope of the client.
    client = OAuth2Session(machine["ClientId"], machine["ClientSecret"])
    token = client.fetch_token(setup["discovery"]["token_endpoint"], grant_type="client_credentials")
    assert claims(token["access_token"])["scope"] == "api/read api/write"


def post_token(setup, data, auth=None, headers=None):
    return requests.post(setup["discovery"]["token_endpoint"], data=data, auth=auth, headers=headers)


def test_token_endpoint_errors(setup):
    machine, web = setup["machine"], setup["web"]
    secret = (machine["ClientId"], machine["ClientSecret"])

    def error(response):
        assert response.status_code == 400, response.text
        assert response.headers["Content-Type"].startswith("application/json")
        return response.json()

    assert error(post_token(setup, {"grant_type": "client_credentials"}, auth=(machine["ClientId"], "wrong"))) == {
        "error": "invalid_client"}
    assert error(post_token(setup, {"grant_type": "client_credentials", "client_id": machine["ClientId"]})) == {
        "error": "invalid_client"}
    assert error(post_token(setup, {"grant_type": "client_credentials", "client_id": "nosuchclient"})) == {
        "error": "invalid_client"}
    assert error(post_token(setup, {"grant_type": "client_credentials", "scope": "openid"}, auth=secret)) == {
        "error": "invalid_scope"}
    assert error(post_token(setup, {"grant_type": "password"}, auth=secret)) == {"error": "unsupported_grant_type"}
    assert error(post_token(setup, {}, auth=secret)) == {"error": "invalid_request"}
    assert error(post_token(setup, {"grant_type": "client_credentials", "client_id": web["ClientId"]})) == {
        "error": "unauthorized_client"}
    assert error(post_token(setup, {"grant_type": "authorization_code", "client_id": web["ClientId"],
                                    "redirect_uri": "http://localhost/x"})) == {"error": "invalid_request"}
    assert error(post_token(setup, {"grant_type": "refresh_token", "client_id": web["ClientId"]})) == {
        "error": "invalid_request"}
    assert error(post_token(setup, {"grant_type": "refresh_token", "client_id": web["ClientId"], "refresh_token": "x"})) == {
        "error": "invalid_grant"}
    # JSON instead of a form: "Content-Type must always be application/x-www-form-urlencoded".
    response = requests.post(setup["discovery"]["token_endpoint"], json={"grant_type": "client_credentials"}, auth=secret)
    assert error(response) == {"error": "invalid_request"}
    assert requests.get(setup["discovery"]["token_endpoint"]).status_code == 405


# -- authorization code with PKCE -----------------------------------------------------------------------
def code_flow_start(setup, callback, scope="openid email api/read"):
    web = setup["web"]
    client = OAuth2Session(web["ClientId"], redirect_uri=callback.url, scope=scope, code_challenge_method="S256")
    verifier = generate_token(64)
    nonce = generate_token(16)
    url, state = client.create_authorization_url(setup["discovery"]["authorization_endpoint"], code_verifier=verifier, nonce=nonce)
    return client, url, state, verifier, nonce


def test_authorization_code_pkce_refresh_userinfo_revoke(setup, cognito, callback):
    pool_id = setup["pool"]["Id"]
    password = confirmed_user(cognito, pool_id, "alice", given_name="Alice")
    client, url, state, verifier, nonce = code_flow_start(setup, callback)
    browser = requests.Session()
    landed = sign_in_through_pages(browser, url, "alice", password)
    assert landed.status_code == 200 and "Back in the app" in landed.text
    received = callback.received[-1]
    assert received["state"] == state and set(received) == {"code", "state"}
    # The login cookie is HttpOnly and SameSite, scoped to the domain's path.
    cookie_header = [h for h in landed.history[0].raw.headers.getlist("Set-Cookie") if h.startswith("cognito=")][0]
    assert "HttpOnly" in cookie_header and "SameSite=Lax" in cookie_header and f"Path=/_domain/{setup['domain']}" in cookie_header

    token = client.fetch_token(setup["discovery"]["token_endpoint"], code=received["code"], code_verifier=verifier)
    assert set(token) >= {"access_token", "id_token", "refresh_token", "token_type", "expires_in"}
    id_claims = jwt.decode(token["id_token"], jwks(setup["discovery"]),
                           claims_options={"iss": {"essential": True, "value": setup["discovery"]["issuer"]},
                                           "aud": {"essential": True, "value": setup["web"]["ClientId"]},
                                           "nonce": {"essential": True, "value": nonce}})
    id_claims.validate(now=server_now(setup))
    assert id_claims["cognito:username"] == "alice" and id_claims["email"] == "alice@example.com"
    assert id_claims["token_use"] == "id" and isinstance(id_claims["auth_time"], int)
    access = claims(token["access_token"])
    assert access["scope"] == "openid email api/read" and access["client_id"] == setup["web"]["ClientId"]
    assert access["username"] == "alice"

    # The code is single use.
    again = post_token(setup, {"grant_type": "authorization_code", "client_id": setup["web"]["ClientId"],
                               "code": received["code"], "redirect_uri": callback.url, "code_verifier": verifier})
    assert (again.status_code, again.json()) == (400, {"error": "invalid_grant"})

    info = client.get(setup["discovery"]["userinfo_endpoint"])
    assert info.status_code == 200
    assert info.json()["email"] == "alice@example.com" and info.json()["username"] == "alice"
    assert info.json()["sub"] == id_claims["sub"] and info.json()["given_name"] == "Alice"

    refreshed = client.refresh_token(setup["discovery"]["token_endpoint"], refresh_token=token["refresh_token"])
    assert claims(refreshed["access_token"])["scope"] == "openid email api/read"
    assert "nonce" not in claims(refreshed["id_token"])
    assert claims(refreshed["id_token"])["auth_time"] == id_claims["auth_time"]

    # Without aws.cognito.signin.user.admin the token is not for the user operations of the API.
    with pytest.raises(cognito.exceptions.NotAuthorizedException, match="Access Token does not have required scopes"):
        cognito.get_user(AccessToken=refreshed["access_token"])

    client.revoke_token(setup["discovery"]["revocation_endpoint"], token=token["refresh_token"],
                        token_type_hint="refresh_token")
    after = post_token(setup, {"grant_type": "refresh_token", "client_id": setup["web"]["ClientId"],
                               "refresh_token": token["refresh_token"]})
    assert (after.status_code, after.json()) == (400, {"error": "invalid_grant"})
    revoked = requests.get(setup["discovery"]["userinfo_endpoint"], headers={"Authorization": "Bearer " + token["access_token"]})
    assert revoked.status_code == 401 and 'error="invalid_token"' in revoked.headers["WWW-Authenticate"]


def test_code_exchange_refusals(setup, cognito, callback):
    pool_id = setup["pool"]["Id"]
    password = confirmed_user(cognito, pool_id, "bob")

    def fresh_code():
        client, url, state, verifier, nonce = code_flow_start(setup, callback)
        sign_in_through_pages(requests.Session(), url, "bob", password)
        return callback.received[-1]["code"], verifier

    base = {"grant_type": "authorization_code", "client_id": setup["web"]["ClientId"], "redirect_uri": callback.url}
    code, verifier = fresh_code()
    wrong = post_token(setup, {**base, "code": code, "code_verifier": "x" * 43})
    assert (wrong.status_code, wrong.json()) == (400, {"error": "invalid_grant"})
    code, verifier = fresh_code()
    missing = post_token(setup, {**base, "code": code})
    assert missing.json() == {"error": "invalid_grant"}
    code, verifier = fresh_code()
    other_uri = post_token(setup, {**base, "code": code, "code_verifier": verifier, "redirect_uri": callback.url + "/"})
    assert other_uri.json() == {"error": "unauthorized_client"}
    code, verifier = fresh_code()
    requests.post(f"{setup['base'].split('/_domain')[0]}/_mock/clock", json={"advanceSeconds": 301})
    expired = post_token(setup, {**base, "code": code, "code_verifier": verifier})
    assert expired.json() == {"error": "invalid_grant"}


def test_authorize_errors(setup, callback):
    authorize = setup["discovery"]["authorization_endpoint"]
    web = setup["web"]["ClientId"]

    def get(**params):
        return requests.get(authorize, params=params, allow_redirects=False)

    unknown = get(response_type="code", client_id="nosuchclient", redirect_uri=callback.url)
    assert unknown.status_code == 400 and "An error was encountered with the requested page." in unknown.text
    mismatch = get(response_type="code", client_id=web, redirect_uri="http://localhost:1/elsewhere")
    assert mismatch.status_code == 400 and "redirect_mismatch" in mismatch.text

    def redirected(**params):
        response = get(client_id=web, redirect_uri=callback.url, state="s1", **params)
        assert response.status_code == 302, response.text
        location = response.headers["Location"]
        assert location.startswith(callback.url + "?")
        return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))

    assert redirected(response_type="id_token") == {"error": "unsupported_response_type", "state": "s1"}
    assert redirected(response_type="code", scope="openid phone") == {"error": "invalid_scope", "state": "s1"}
    assert redirected(response_type="code", code_challenge_method="S512", code_challenge="abc")["error"] == "invalid_request"
    assert redirected(response_type="code", prompt="none") == {"error": "login_required", "state": "s1"}
    login = get(response_type="code", client_id=web, redirect_uri=callback.url, state="s1")
    assert login.status_code == 302 and "/login?" in login.headers["Location"]


def test_implicit_grant_puts_tokens_in_the_fragment(setup, cognito, callback):
    password = confirmed_user(cognito, setup["pool"]["Id"], "carol")
    browser = requests.Session()
    url = setup["discovery"]["authorization_endpoint"] + "?" + urllib.parse.urlencode({
        "response_type": "token", "client_id": setup["web"]["ClientId"], "redirect_uri": callback.url,
        "scope": "openid aws.cognito.signin.user.admin", "state": "xyz", "nonce": "n-1"})
    page = browser.get(url)
    action, fields = page_form(page.text)
    done = browser.post(urllib.parse.urljoin(page.url, action), data={**fields, "username": "carol", "password": password},
                        allow_redirects=False)
    location = done.headers["Location"]
    assert location.startswith(callback.url + "#")
    fragment = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).fragment))
    assert fragment["state"] == "xyz" and fragment["token_type"] == "Bearer" and "refresh_token" not in fragment
    assert claims(fragment["id_token"])["nonce"] == "n-1"
    assert claims(fragment["access_token"])["scope"] == "openid aws.cognito.signin.user.admin"
    # With the admin scope the same token works with the API's user operations (one issuer, one key).
    assert cognito.get_user(AccessToken=fragment["access_token"])["Username"] == "carol"


def test_login_cookie_signs_in_again_until_logout(setup, cognito, callback):
    password = confirmed_user(cognito, setup["pool"]["Id"], "dave")
    client, url, state, verifier, nonce = code_flow_start(setup, callback)
    browser = requests.Session()
    sign_in_through_pages(browser, url, "dave", password)
    count = len(callback.received)
    # Signed in: /oauth2/authorize goes straight back to the app with a new code.
    again = browser.get(url, allow_redirects=False)
    assert again.status_code == 302 and again.headers["Location"].startswith(callback.url + "?code=")
    logout = browser.get(setup["base"] + "/logout", params={"client_id": setup["web"]["ClientId"], "logout_uri": callback.logout_url},
                         allow_redirects=False)
    assert logout.status_code == 302 and logout.headers["Location"] == callback.logout_url
    assert "cognito=;" in logout.headers["Set-Cookie"] and "Max-Age=0" in logout.headers["Set-Cookie"]
    browser.cookies.clear(name="cognito") if "cognito" in browser.cookies else None
    after = browser.get(url, allow_redirects=False)
    assert "/login?" in after.headers["Location"]
    bad = browser.get(setup["base"] + "/logout", params={"client_id": setup["web"]["ClientId"], "logout_uri": "http://localhost:1/x"})
    assert bad.status_code == 400 and "redirect_mismatch" in bad.text
    assert len(callback.received) == count


def test_csrf_and_wrong_password_on_the_page(setup, cognito, callback):
    password = confirmed_user(cognito, setup["pool"]["Id"], "erin")
    client, url, state, verifier, nonce = code_flow_start(setup, callback)
    browser = requests.Session()
    page = browser.get(url)
    action, fields = page_form(page.text)
    target = urllib.parse.urljoin(page.url, action)
    forged = requests.post(target, data={**fields, "username": "erin", "password": password})  # no cookie
    assert forged.status_code == 403 and not callback.received
    wrong = browser.post(target, data={**fields, "username": "erin", "password": "nope"})
    assert page_error(wrong.text) == "Incorrect username or password."
    assert 'value="erin"' in wrong.text


def test_host_routing_by_prefix_localhost(setup, server):
    """The same endpoint reached with Host: <prefix>.localhost:<port> (how browsers reach it)."""
    machine = setup["machine"]
    response = requests.post(f"{server.url}/oauth2/token", data={"grant_type": "client_credentials"},
                             auth=(machine["ClientId"], machine["ClientSecret"]),
                             headers={"Host": f"{setup['domain']}.localhost:{server.port}"})
    assert response.status_code == 200, response.text
    assert claims(response.json()["access_token"])["iss"] == f"http://localhost:{server.port}/{setup['pool']['Id']}"
    unknown = requests.post(f"{server.url}/oauth2/token", data={"grant_type": "client_credentials"},
                            headers={"Host": f"nosuchdomain.localhost:{server.port}"})
    assert unknown.status_code == 404


def test_userinfo_refusals(setup):
    endpoint = setup["discovery"]["userinfo_endpoint"]
    missing = requests.get(endpoint)
    assert missing.status_code == 400 and 'error="invalid_request"' in missing.headers["WWW-Authenticate"]
    garbage = requests.get(endpoint, headers={"Authorization": "Bearer abc.def.ghi"})
    assert garbage.status_code == 401
    machine = setup["machine"]
    m2m = OAuth2Session(machine["ClientId"], machine["ClientSecret"]).fetch_token(
        setup["discovery"]["token_endpoint"], grant_type="client_credentials")
    assert requests.get(endpoint, headers={"Authorization": "Bearer " + m2m["access_token"]}).status_code == 401


def test_forgot_password_pages(setup, cognito, server, callback):
    from e2e import last_code
    pool_id = setup["pool"]["Id"]
    confirmed_user(cognito, pool_id, "fay")
    client, url, state, verifier, nonce = code_flow_start(setup, callback)
    browser = requests.Session()
    page = browser.get(url)
    forgot = re.search(r'<a href="([^"]+)" id="forgot">', page.text).group(1)
    ask = browser.get(urllib.parse.urljoin(page.url, html.unescape(forgot)))
    assert "<h1>Forgot your password?</h1>" in ask.text
    action, fields = page_form(ask.text)
    unknown = browser.post(urllib.parse.urljoin(ask.url, action), data={**fields, "username": "nobody"})
    assert page_error(unknown.text) == "Username/client id combination not found."
    sent = browser.post(urllib.parse.urljoin(ask.url, action), data={**fields, "username": "fay"})
    assert "<h1>Reset your password</h1>" in sent.text
    action, fields = page_form(sent.text)
    wrong = browser.post(urllib.parse.urljoin(sent.url, action), data={**fields, "code": "000000", "new_password": "N3w-passw0rd!"})
    assert page_error(wrong.text) == "Invalid verification code provided, please try again."
    done = browser.post(urllib.parse.urljoin(sent.url, action),
                        data={**fields, "code": last_code(server, pool_id, "fay"), "new_password": "N3w-passw0rd!"})
    assert "<h1>Sign in</h1>" in done.text and "Your password has been reset" in done.text
    action, fields = page_form(done.text)
    browser.post(urllib.parse.urljoin(done.url, action), data={**fields, "username": "fay", "password": "N3w-passw0rd!"})
    assert callback.received[-1]["state"] == state


def test_new_password_required_page(setup, cognito, callback):
    pool_id = setup["pool"]["Id"]
    cognito.admin_create_user(UserPoolId=pool_id, Username="gus", MessageAction="SUPPRESS", TemporaryPassword="Temp0rary!pass",
                              UserAttributes=[{"Name": "email", "Value": "gus@example.com"}])
    client, url, state, verifier, nonce = code_flow_start(setup, callback)
    browser = requests.Session()
    page = sign_in_through_pages(browser, url, "gus", "Temp0rary!pass")
    assert "<h1>Change your password</h1>" in page.text
    action, fields = page_form(page.text)
    assert fields["challenge"] == "NEW_PASSWORD_REQUIRED"
    weak = browser.post(urllib.parse.urljoin(page.url, action), data={**fields, "new_password": "short"})
    assert page_error(weak.text) == "Password did not conform with policy: Password not long enough"
    action, fields = page_form(weak.text)
    browser.post(urllib.parse.urljoin(weak.url, action), data={**fields, "new_password": "Perm4nent!pass"})
    assert callback.received[-1]["state"] == state
    assert cognito.admin_get_user(UserPoolId=pool_id, Username="gus")["UserStatus"] == "CONFIRMED"


def test_select_mfa_type_page_then_email_code(cognito, server, callback):
    from e2e import DEVELOPER_EMAIL_CONFIGURATION, RECOVERY_ADMIN_ONLY, SMS_CONFIGURATION, last_code
    made = oauth_pool(cognito, callback, EmailConfiguration=DEVELOPER_EMAIL_CONFIGURATION,
                      AccountRecoverySetting=RECOVERY_ADMIN_ONLY, SmsConfiguration=SMS_CONFIGURATION)
    pool_id = made["pool"]["Id"]
    cognito.set_user_pool_mfa_config(
        UserPoolId=pool_id, MfaConfiguration="OPTIONAL",
        SmsMfaConfiguration={"SmsAuthenticationMessage": "Code {####}", "SmsConfiguration": SMS_CONFIGURATION},
        EmailMfaConfiguration={"Message": "Code {####}", "Subject": "Sign-in"})
    password = confirmed_user(cognito, pool_id, "hal", phone_number="+15555550199")
    cognito.admin_set_user_mfa_preference(UserPoolId=pool_id, Username="hal", SMSMfaSettings={"Enabled": True},
                                          EmailMfaSettings={"Enabled": True})
    made["base"] = domain_base(server, made["domain"])
    made["discovery"] = requests.get(f"{server.url}/{pool_id}/.well-known/openid-configuration").json()
    client, url, state, verifier, nonce = code_flow_start(made, callback)
    browser = requests.Session()
    page = sign_in_through_pages(browser, url, "hal", password)
    assert "<h1>Choose how to receive your code</h1>" in page.text
    assert 'value="SMS_MFA"' in page.text and 'value="EMAIL_OTP"' in page.text
    action, fields = page_form(page.text)
    code_page = browser.post(urllib.parse.urljoin(page.url, action), data={**fields, "answer": "EMAIL_OTP"})
    assert "We sent a code by email" in code_page.text
    action, fields = page_form(code_page.text)
    browser.post(urllib.parse.urljoin(code_page.url, action), data={**fields, "code": last_code(server, pool_id, "hal")})
    assert callback.received[-1]["state"] == state


def test_custom_domain_by_host_and_by_path(setup, cognito, server):
    from e2e import unique_name
    name = f"auth.{unique_name('c').lower()}.example.com"
    cognito.create_user_pool_domain(
        UserPoolId=setup["pool"]["Id"], Domain=name,
        CustomDomainConfig={"CertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"})
    machine = setup["machine"]
    auth = (machine["ClientId"], machine["ClientSecret"])
    by_host = requests.post(f"{server.url}/oauth2/token", data={"grant_type": "client_credentials"}, auth=auth,
                            headers={"Host": name})
    assert by_host.status_code == 200, by_host.text
    by_path = requests.post(f"{server.url}/_domain/{name}/oauth2/token", data={"grant_type": "client_credentials"}, auth=auth)
    assert by_path.status_code == 200, by_path.text


def test_a_client_of_another_pool_is_not_a_client_of_this_domain(setup, cognito, callback):
    other = oauth_pool(cognito, callback)["machine"]
    response = post_token(setup, {"grant_type": "client_credentials"}, auth=(other["ClientId"], other["ClientSecret"]))
    assert (response.status_code, response.json()) == (400, {"error": "invalid_client"})
