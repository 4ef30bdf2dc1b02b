"""The test helpers for authenticator codes and time: /_mock/totp (time step, next step),
GET /_mock/clock (the server time TOTP libraries need) and /_mock/reset putting the clock back.
The one-use rule (a step accepted once is refused: ExpiredCodeException) stays as AWS has it."""
from __future__ import annotations

import json
import urllib.request

import botocore.exceptions
import pyotp
import pytest

from e2e import REPO_ROOT

EXAMPLE = REPO_ROOT / "fixtures" / "example-seed.json"
POOL, CLIENT, PASSWORD = "us-east-1_Example01", "exampleclient0000000000001", "Example-Passw0rd"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def call(server, method: str, path: str, body: dict | None = None):
    data = json.dumps(body).encode() if body is not None else (b"" if method == "POST" else None)
    request = urllib.request.Request(server.url + path, method=method, data=data,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture
def seeded(server_factory):
    return server_factory(args=("--seed", str(EXAMPLE)))


def sign_in(server, code_of) -> dict:
    """USER_PASSWORD_AUTH, then the SOFTWARE_TOKEN_MFA challenge answered with code_of()."""
    c = server.client()
    first = c.initiate_auth(ClientId=CLIENT, AuthFlow="USER_PASSWORD_AUTH",
                            AuthParameters={"USERNAME": "totp-user", "PASSWORD": PASSWORD})
    assert first["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    return c.respond_to_auth_challenge(ClientId=CLIENT, ChallengeName="SOFTWARE_TOKEN_MFA", Session=first["Session"],
                                       ChallengeResponses={"USERNAME": "totp-user", "SOFTWARE_TOKEN_MFA_CODE": code_of()})


def totp(server, step: str = "current") -> dict:
    status, body = call(server, "GET", f"/_mock/totp?userPoolId={POOL}&username=totp-user&step={step}")
    assert status == 200, body
    return body


def test_totp_reports_its_time_step_and_matches_pyotp_at_the_server_time(seeded):
    _, clock = call(seeded, "GET", "/_mock/clock")
    body = totp(seeded)
    assert set(body) == {"code", "expiresIn", "timeStep"}
    assert clock["timeStep"] == int(clock["now"] // 30)
    assert body["timeStep"] in {clock["timeStep"], clock["timeStep"] + 1}   # a step may end between the calls
    assert body["code"] == pyotp.TOTP(SECRET).at(body["timeStep"] * 30)
    nxt = totp(seeded, "next")
    assert nxt["timeStep"] == body["timeStep"] + 1 or nxt["timeStep"] == body["timeStep"] + 2
    assert nxt["code"] == pyotp.TOTP(SECRET).at(nxt["timeStep"] * 30)
    assert 30 < nxt["expiresIn"] <= 60


def test_second_sign_in_in_one_step_is_refused_and_the_next_step_code_signs_in(seeded):
    first = totp(seeded)
    assert "AccessToken" in sign_in(seeded, lambda: first["code"])["AuthenticationResult"]
    with pytest.raises(botocore.exceptions.ClientError) as refused:
        sign_in(seeded, lambda: first["code"])
    assert refused.value.response["Error"] == {"Code": "ExpiredCodeException",
                                               "Message": "Your software token has already been used once."}
    # No sleep: the next step's code is accepted once (sign-in accepts the previous, current and next step).
    assert "AccessToken" in sign_in(seeded, lambda: totp(seeded, "next")["code"])["AuthenticationResult"]


def test_after_advancing_the_clock_pyotp_at_the_server_time_signs_in(seeded):
    assert call(seeded, "POST", "/_mock/clock", {"advanceSeconds": 3600})[0] == 200
    _, clock = call(seeded, "GET", "/_mock/clock")
    assert clock["offsetSeconds"] == 3600
    assert totp(seeded)["timeStep"] >= clock["timeStep"]
    done = sign_in(seeded, lambda: pyotp.TOTP(SECRET).at(call(seeded, "GET", "/_mock/clock")[1]["now"]))
    assert "AccessToken" in done["AuthenticationResult"]


def test_reset_of_everything_puts_the_clock_back_and_a_pool_reset_does_not(seeded):
    call(seeded, "POST", "/_mock/clock", {"advanceSeconds": 600})
    assert call(seeded, "POST", f"/_mock/reset?userPoolId={POOL}")[0] == 200
    assert call(seeded, "GET", "/_mock/clock")[1]["offsetSeconds"] == 600
    assert call(seeded, "POST", "/_mock/reset") == (200, {"reset": "all"})
    assert call(seeded, "GET", "/_mock/clock")[1]["offsetSeconds"] == 0


def test_unknown_step_is_a_400(seeded):
    status, body = call(seeded, "GET", f"/_mock/totp?userPoolId={POOL}&username=totp-user&step=previous")
    assert status == 400 and body == {"message": "step must be current or next"}
