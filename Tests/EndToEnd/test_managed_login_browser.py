"""The managed login in a real browser: Debian's chromium driven headless by selenium (PyPI) at a
phone-sized window, reaching the domain by Host (`http://<prefix>.localhost:<port>`, which Chromium
sends to loopback by itself). Journeys: OFF / OPTIONAL / ON pools, a wrong TOTP code then the right one
(from /_mock/totp), MFA_SETUP with the QR code read by zbarimg and the code from pyotp, SMS and email
codes from /_mock/messages, the lockout, logout; each ends at a local callback server and, where it
gives a code, a token exchange. A screenshot of every page is saved under Tests/EndToEnd/artifacts/.
Skipped, with the reason, where chromium, chromedriver or selenium is missing.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

selenium = pytest.importorskip("selenium", reason="selenium (PyPI) is needed for the browser tests: pip install selenium")
from selenium import webdriver  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

import pyotp  # noqa: E402
import requests  # noqa: E402

from e2e import DEVELOPER_EMAIL_CONFIGURATION, RECOVERY_ADMIN_ONLY, SMS_CONFIGURATION, Server, unique_name  # noqa: E402
from oauth_support import Callback, confirmed_user  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts" / "managed-login"
PASSWORD = "Corr3ct-Horse!"

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="chromium and chromium-driver (Debian packages) are needed for the browser tests: apt-get install chromium chromium-driver")


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=390,844",
                     "--disable-gpu", "--no-first-run"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(20)
    yield driver
    driver.quit()



@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A server of this module's own: these tests move its clock (/_mock/clock), which must not
    reach the other modules' shared server."""
    private = Server(tmp_path_factory.mktemp("browser")).start()
    yield private
    assert private.stop() == 0


@pytest.fixture
def callback():
    cb = Callback()
    yield cb
    cb.close()


def clear_cookies(browser):
    """Every cookie of every site (delete_all_cookies only clears the current page's)."""
    browser.execute_cdp_cmd("Network.clearBrowserCookies", {})


@pytest.fixture(autouse=True)
def fresh_browser(browser):
    clear_cookies(browser)
    yield


def shot(browser, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    browser.save_screenshot(str(path))
    return path


def make_site(cognito, server, callback, mode="OFF", sms=False, email=False, totp=True):
    pool = cognito.create_user_pool(
        PoolName=unique_name("Demo"), EmailConfiguration=DEVELOPER_EMAIL_CONFIGURATION,
        AccountRecoverySetting=RECOVERY_ADMIN_ONLY, SmsConfiguration=SMS_CONFIGURATION)["UserPool"]
    domain = unique_name("web").lower()
    cognito.create_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)
    client = cognito.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="web", AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email"], CallbackURLs=[callback.url], LogoutURLs=[callback.logout_url],
        SupportedIdentityProviders=["COGNITO"], ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]
    if mode != "OFF":
        request = {"UserPoolId": pool["Id"], "MfaConfiguration": mode}
        if totp:
            request["SoftwareTokenMfaConfiguration"] = {"Enabled": True}
        if sms:
            request["SmsMfaConfiguration"] = {"SmsAuthenticationMessage": "Code: {####}", "SmsConfiguration": SMS_CONFIGURATION}
        if email:
            request["EmailMfaConfiguration"] = {"Message": "Your code is {####}", "Subject": "Sign-in"}
        cognito.set_user_pool_mfa_config(**request)
    host = f"http://{domain}.localhost:{server.port}"
    return {"pool": pool, "client": client, "host": host, "server": server, "callback": callback}


def authorize_url(site, state="st-1"):
    return site["host"] + "/oauth2/authorize?" + urllib.parse.urlencode({
        "response_type": "code", "client_id": site["client"]["ClientId"], "redirect_uri": site["callback"].url,
        "scope": "openid email", "state": state})


def type_into(browser, name, value):
    field = browser.find_element(By.NAME, name)
    field.clear()
    field.send_keys(value)


def submit(browser):
    """Clicks the form's button and waits for the next page to replace this one."""
    page = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(browser, 10).until(expected_conditions.staleness_of(page))


def wait_for(condition, what: str, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def sign_in_page(browser, site, username, password=PASSWORD):
    browser.get(authorize_url(site))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Sign in"
    assert site["pool"]["Name"] in browser.find_element(By.TAG_NAME, "header").text
    type_into(browser, "username", username)
    type_into(browser, "password", password)
    submit(browser)


def error_text(browser):
    found = browser.find_elements(By.CSS_SELECTOR, ".error")
    return found[0].text if found else None


def arrive(browser, site):
    wait_for(lambda: browser.current_url.startswith(site["callback"].url), "the callback")
    received = site["callback"].received[-1]
    assert received["state"] == "st-1" and "code" in received
    return received["code"]


def exchange(site, code):
    # The token endpoint reached by path, as a back end without *.localhost resolution would.
    domain = urllib.parse.urlsplit(site["host"]).hostname.split(".")[0]
    response = requests.post(f"{site['server'].url}/_domain/{domain}/oauth2/token", data={
        "grant_type": "authorization_code", "client_id": site["client"]["ClientId"], "code": code,
        "redirect_uri": site["callback"].url})
    assert response.status_code == 200, response.text
    return response.json()


def totp_now(server, pool_id, username):
    with urllib.request.urlopen(f"{server.url}/_mock/totp?userPoolId={pool_id}&username={username}") as r:
        return json.load(r)["code"]


def outbox_code(server, pool_id, username):
    with urllib.request.urlopen(f"{server.url}/_mock/messages?userPoolId={pool_id}&username={username}") as r:
        return json.load(r)[-1]["code"]


def enable_totp(cognito, server, site, username):
    """TOTP set up and preferred through the API (AdminInitiateAuth in a pool that asks nothing yet)."""
    pool_id, client_id = site["pool"]["Id"], site["client"]["ClientId"]
    tokens = cognito.admin_initiate_auth(UserPoolId=pool_id, ClientId=client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                         AuthParameters={"USERNAME": username, "PASSWORD": PASSWORD})["AuthenticationResult"]
    secret = cognito.associate_software_token(AccessToken=tokens["AccessToken"])["SecretCode"]
    cognito.verify_software_token(AccessToken=tokens["AccessToken"], UserCode=pyotp.TOTP(secret).now())
    cognito.set_user_mfa_preference(AccessToken=tokens["AccessToken"],
                                    SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})
    # The next 30-second step, so the sign-in code is not the one just used to verify.
    requests.post(f"{server.url}/_mock/clock", json={"advanceSeconds": 30})


def test_off_pool_signs_in_without_mfa(browser, cognito, server, callback):
    site = make_site(cognito, server, callback, mode="OFF")
    confirmed_user(cognito, site["pool"]["Id"], "olivia", password=PASSWORD)
    browser.get(authorize_url(site))
    shot(browser, "01-sign-in")
    sign_in_page(browser, site, "olivia")
    code = arrive(browser, site)
    shot(browser, "02-back-in-the-app")
    tokens = exchange(site, code)
    assert {"access_token", "id_token", "refresh_token"} <= set(tokens)


def test_optional_pool_totp_wrong_then_right_code(browser, cognito, server, callback):
    site = make_site(cognito, server, callback, mode="OPTIONAL")
    pool_id = site["pool"]["Id"]
    confirmed_user(cognito, pool_id, "tom", password=PASSWORD)
    enable_totp(cognito, server, site, "tom")
    sign_in_page(browser, site, "tom")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Enter the code from your authenticator app"
    shot(browser, "03-totp-code")
    type_into(browser, "code", "000000" if totp_now(server, pool_id, "tom") != "000000" else "111111")
    submit(browser)
    assert error_text(browser) == "Invalid code received for user"
    shot(browser, "04-totp-wrong-code")
    type_into(browser, "code", totp_now(server, pool_id, "tom"))
    submit(browser)
    tokens = exchange(site, arrive(browser, site))
    assert "access_token" in tokens


def test_optional_pool_without_factor_gives_tokens(browser, cognito, server, callback):
    site = make_site(cognito, server, callback, mode="OPTIONAL")
    confirmed_user(cognito, site["pool"]["Id"], "uma", password=PASSWORD)
    sign_in_page(browser, site, "uma")
    arrive(browser, site)


def test_on_pool_mfa_setup_with_qr_code(browser, cognito, server, callback):
    site = make_site(cognito, server, callback, mode="ON")
    pool_id = site["pool"]["Id"]
    confirmed_user(cognito, pool_id, "nina", password=PASSWORD)
    sign_in_page(browser, site, "nina")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Set up an authenticator app"
    shot(browser, "05-mfa-setup-qr")
    qr_png = ARTIFACTS / "05-qr-only.png"
    browser.find_element(By.CSS_SELECTOR, "svg.qr").screenshot(str(qr_png))
    secret = browser.find_element(By.ID, "secret").text
    if shutil.which("zbarimg"):
        decoded = subprocess.run(["zbarimg", "--raw", "-q", str(qr_png)], capture_output=True, text=True, check=True).stdout.strip()
        assert decoded == browser.find_element(By.ID, "otpauth").get_attribute("href")
        parsed = urllib.parse.urlsplit(decoded)
        assert parsed.scheme == "otpauth" and parsed.netloc == "totp"
        assert dict(urllib.parse.parse_qsl(parsed.query))["secret"] == secret
    else:
        pytest.skip("zbarimg (Debian zbar-tools) is needed to read the QR code: apt-get install zbar-tools")
    type_into(browser, "code", "123456" if pyotp.TOTP(secret).now() != "123456" else "654321")
    submit(browser)
    assert error_text(browser)  # a wrong code keeps the set-up page, with the API's message
    type_into(browser, "code", pyotp.TOTP(secret).now())
    submit(browser)
    exchange(site, arrive(browser, site))
    # The next sign-in asks for the authenticator's code.
    clear_cookies(browser)
    requests.post(f"{server.url}/_mock/clock", json={"advanceSeconds": 30})
    sign_in_page(browser, site, "nina")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Enter the code from your authenticator app"


def test_on_pool_email_code_from_the_outbox(browser, cognito, server, callback):
    site = make_site(cognito, server, callback, mode="ON", email=True, totp=True)
    pool_id = site["pool"]["Id"]
    confirmed_user(cognito, pool_id, "emma", password=PASSWORD)
    sign_in_page(browser, site, "emma")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Enter your sign-in code"
    assert "e***@e***" in browser.find_element(By.TAG_NAME, "main").text or "@" in browser.find_element(By.TAG_NAME, "main").text
    shot(browser, "06-email-code")
    type_into(browser, "code", outbox_code(server, pool_id, "emma"))
    submit(browser)
    arrive(browser, site)


def test_on_pool_sms_code_from_the_outbox(browser, cognito, server, callback):
    site = make_site(cognito, server, callback, mode="ON", sms=True, totp=False)
    pool_id = site["pool"]["Id"]
    confirmed_user(cognito, pool_id, "sam", password=PASSWORD, phone_number="+15555550123")
    sign_in_page(browser, site, "sam")
    assert "text message" in browser.find_element(By.TAG_NAME, "main").text
    shot(browser, "07-sms-code")
    type_into(browser, "code", "999999" if outbox_code(server, pool_id, "sam") != "999999" else "888888")
    submit(browser)
    assert error_text(browser) == "Invalid code or auth state for the user."
    type_into(browser, "code", outbox_code(server, pool_id, "sam"))
    submit(browser)
    arrive(browser, site)


def test_lockout_on_the_sign_in_page(browser, cognito, server, callback):
    site = make_site(cognito, server, callback, mode="OFF")
    confirmed_user(cognito, site["pool"]["Id"], "lou", password=PASSWORD)
    for _ in range(5):
        sign_in_page(browser, site, "lou", password="Wrong-passw0rd")
        assert error_text(browser) == "Incorrect username or password."
    sign_in_page(browser, site, "lou")
    assert error_text(browser) == "Password attempts exceeded"
    shot(browser, "08-lockout")
    assert not site["callback"].received
    # The API sees the same lockout.
    with pytest.raises(cognito.exceptions.NotAuthorizedException, match="Password attempts exceeded"):
        cognito.admin_initiate_auth(UserPoolId=site["pool"]["Id"], ClientId=site["client"]["ClientId"],
                                    AuthFlow="ADMIN_USER_PASSWORD_AUTH", AuthParameters={"USERNAME": "lou", "PASSWORD": PASSWORD})


def test_logout_clears_the_login(browser, cognito, server, callback):
    site = make_site(cognito, server, callback, mode="OFF")
    confirmed_user(cognito, site["pool"]["Id"], "leo", password=PASSWORD)
    sign_in_page(browser, site, "leo")
    arrive(browser, site)
    browser.get(authorize_url(site))  # signed in: straight back to the app
    wait_for(lambda: browser.current_url.startswith(site["callback"].url), "single sign-on")
    browser.get(site["host"] + "/logout?" + urllib.parse.urlencode(
        {"client_id": site["client"]["ClientId"], "logout_uri": site["callback"].logout_url}))
    wait_for(lambda: browser.current_url.startswith(site["callback"].logout_url), "the sign-out URL")
    browser.get(authorize_url(site))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Sign in"
