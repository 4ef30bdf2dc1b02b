"""Lambda triggers of the sign-in and confirmation flows through a real Lambda service (ministack, see
test_triggers.py and lambda_service.py): CUSTOM_AUTH with Define/Create/VerifyAuthChallenge (also after
SRP), PreAuthentication, PostAuthentication, PostConfirmation and UserMigration."""
from __future__ import annotations

import pytest

from e2e import aws_error, get_messages
from test_triggers import (COMMON_KEYS, ECHO, PASSWORD, claims, cognito, lambdas, make_user, pool_with, sign_in,
                           trigger_server)

__all__ = ["cognito", "lambdas", "trigger_server"]  # fixtures shared with test_triggers.py


# -- CUSTOM_AUTH ---------------------------------------------------------------------------------
DEFINE = """
def handler(event, context):
    record(event)
    session = event['request']['session']
    if session and session[-1]['challengeName'] == 'CUSTOM_CHALLENGE' and session[-1]['challengeResult']:
        event['response']['issueTokens'] = True
        event['response']['failAuthentication'] = False
    elif len([s for s in session if s['challengeName'] == 'CUSTOM_CHALLENGE']) >= 3:
        event['response']['issueTokens'] = False
        event['response']['failAuthentication'] = True
    elif session and session[-1]['challengeName'] == 'SRP_A':
        event['response']['challengeName'] = 'PASSWORD_VERIFIER'
        event['response']['issueTokens'] = False
        event['response']['failAuthentication'] = False
    else:
        event['response']['challengeName'] = 'CUSTOM_CHALLENGE'
        event['response']['issueTokens'] = False
        event['response']['failAuthentication'] = False
    return event
"""

CREATE = """
def handler(event, context):
    record(event)
    event['response']['publicChallengeParameters'] = {'question': 'What is 6 times 7?'}
    event['response']['privateChallengeParameters'] = {'answer': '42'}
    event['response']['challengeMetadata'] = 'QUIZ'
    return event
"""

VERIFY = """
def handler(event, context):
    record(event)
    event['response']['answerCorrect'] = event['request']['challengeAnswer'] == event['request']['privateChallengeParameters']['answer']
    return event
"""


@pytest.fixture(scope="module")
def custom_auth_config(lambdas):
    return {"DefineAuthChallenge": lambdas.function("define", DEFINE),
            "CreateAuthChallenge": lambdas.function("create", CREATE),
            "VerifyAuthChallengeResponse": lambdas.function("verify", VERIFY)}


def custom_challenge(cognito, client_id, answer, challenge):
    return cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName="CUSTOM_CHALLENGE",
                                             Session=challenge["Session"],
                                             ChallengeResponses={"USERNAME": "alice", "ANSWER": answer})


def test_custom_auth_with_a_custom_challenge(lambdas, cognito, custom_auth_config):
    pool_id, client_id = pool_with(cognito, custom_auth_config)
    make_user(cognito, pool_id)
    challenge = cognito.initiate_auth(ClientId=client_id, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "alice"},
                                      ClientMetadata={"device": "phone"})
    assert challenge["ChallengeName"] == "CUSTOM_CHALLENGE"
    assert challenge["ChallengeParameters"] == {"question": "What is 6 times 7?", "USERNAME": "alice"}
    define_event = lambdas.events("define")[-1]
    assert set(define_event) == COMMON_KEYS and define_event["triggerSource"] == "DefineAuthChallenge_Authentication"
    assert define_event["request"]["session"] == [] and define_event["request"]["userNotFound"] is False
    assert define_event["request"]["clientMetadata"] == {"device": "phone"}
    create_event = lambdas.events("create")[-1]
    assert create_event["triggerSource"] == "CreateAuthChallenge_Authentication"
    assert create_event["request"]["challengeName"] == "CUSTOM_CHALLENGE"

    wrong = custom_challenge(cognito, client_id, "41", challenge)
    assert wrong["ChallengeName"] == "CUSTOM_CHALLENGE" and wrong["Session"] != challenge["Session"]
    verify_event = lambdas.events("verify")[-1]
    assert verify_event["triggerSource"] == "VerifyAuthChallengeResponse_Authentication"
    assert verify_event["request"]["challengeAnswer"] == "41"
    assert verify_event["request"]["privateChallengeParameters"] == {"answer": "42"}
    assert "clientMetadata" not in verify_event["request"]  # the answer carried none
    # A session answers once, as every other challenge's.
    with aws_error("NotAuthorizedException", "Invalid session for the user, session can only be used once."):
        custom_challenge(cognito, client_id, "42", challenge)

    result = custom_challenge(cognito, client_id, "42", wrong)["AuthenticationResult"]
    assert claims(result["IdToken"])["cognito:username"] == "alice"
    assert lambdas.events("define")[-1]["request"]["session"] == [
        {"challengeName": "CUSTOM_CHALLENGE", "challengeResult": False, "challengeMetadata": "QUIZ"},
        {"challengeName": "CUSTOM_CHALLENGE", "challengeResult": True, "challengeMetadata": "QUIZ"}]


def test_custom_auth_failures_count_toward_the_lockout(trigger_server, cognito, custom_auth_config):
    from test_sign_in import advance
    pool_id, client_id = pool_with(cognito, custom_auth_config)
    make_user(cognito, pool_id)
    failures = 0
    challenge = None
    while failures < 8:
        if challenge is None:
            challenge = cognito.initiate_auth(ClientId=client_id, AuthFlow="CUSTOM_AUTH",
                                              AuthParameters={"USERNAME": "alice"})
        try:
            challenge = custom_challenge(cognito, client_id, "wrong", challenge)
        except cognito.exceptions.NotAuthorizedException as error:
            # The define function fails the third wrong answer of an attempt.
            assert error.response["Error"]["Message"] == "Incorrect username or password."
            challenge = None
        failures += 1
        if 5 <= failures < 8:
            advance(trigger_server, 2 ** (failures - 5))  # wait out the lock of 1, 2, 4 s (SignInLockout)
    # The eighth failure locks sign-in for 8 s: a right answer and a password sign-in are refused.
    with aws_error("NotAuthorizedException", "Password attempts exceeded"):
        custom_challenge(cognito, client_id, "42", challenge)
    with aws_error("NotAuthorizedException", "Password attempts exceeded"):
        sign_in(cognito, client_id)


def test_custom_auth_needs_the_functions_and_the_client_flow(cognito, lambdas):
    pool_id, client_id = pool_with(cognito, {})
    make_user(cognito, pool_id)
    with aws_error("InvalidParameterException", "Custom auth lambda trigger is not configured for the user pool."):
        cognito.initiate_auth(ClientId=client_id, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "alice"})
    other = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="pw",
                                            ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
    with aws_error("InvalidParameterException", "CUSTOM_AUTH flow not enabled for this client"):
        cognito.initiate_auth(ClientId=other, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "alice"})


def test_custom_auth_after_srp(lambdas, cognito, custom_auth_config):
    from pycognito.aws_srp import AWSSRP
    pool_id, client_id = pool_with(cognito, custom_auth_config)
    make_user(cognito, pool_id)
    srp = AWSSRP(username="alice", password=PASSWORD, pool_id=pool_id, client_id=client_id, client=cognito)
    parameters = srp.get_auth_params() | {"CHALLENGE_NAME": "SRP_A"}
    verifier = cognito.initiate_auth(ClientId=client_id, AuthFlow="CUSTOM_AUTH", AuthParameters=parameters)
    assert verifier["ChallengeName"] == "PASSWORD_VERIFIER"
    assert lambdas.events("define")[-1]["request"]["session"] == [
        {"challengeName": "SRP_A", "challengeResult": True, "challengeMetadata": None}]
    responses = srp.process_challenge(verifier["ChallengeParameters"], parameters)
    challenge = cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName="PASSWORD_VERIFIER",
                                                  ChallengeResponses=responses)
    assert challenge["ChallengeName"] == "CUSTOM_CHALLENGE"
    assert [s["challengeName"] for s in lambdas.events("define")[-1]["request"]["session"]] == ["SRP_A", "PASSWORD_VERIFIER"]
    result = custom_challenge(cognito, client_id, "42", challenge)["AuthenticationResult"]
    assert claims(result["AccessToken"])["username"] == "alice"


# -- PreAuthentication, PostAuthentication, PostConfirmation ----------------------------------------
def test_pre_and_post_authentication(lambdas, cognito):
    pre = lambdas.function("preauth", """
def handler(event, context):
    record(event)
    if event['request']['userAttributes'].get('custom:blocked') == 'yes' or event['userName'] == 'mallory':
        raise Exception('Account blocked')
    return event
""")
    post = lambdas.function("postauth", ECHO)
    pool_id, client_id = pool_with(cognito, {"PreAuthentication": pre, "PostAuthentication": post})
    make_user(cognito, pool_id)
    make_user(cognito, pool_id, "mallory")
    sign_in(cognito, client_id, ClientMetadata={"ip": "10.0.0.1"})
    event = lambdas.events("preauth")[-1]
    assert set(event) == COMMON_KEYS and event["triggerSource"] == "PreAuthentication_Authentication"
    assert event["request"]["validationData"] == {"ip": "10.0.0.1"} and event["request"]["userNotFound"] is False
    assert event["request"]["userAttributes"]["email"] == "alice@example.com"
    event = lambdas.events("postauth")[-1]
    assert event["triggerSource"] == "PostAuthentication_Authentication"
    assert event["request"]["newDeviceUsed"] is False and event["request"]["clientMetadata"] == {"ip": "10.0.0.1"}
    posts = len(lambdas.events("postauth"))
    with aws_error("UserLambdaValidationException", "PreAuthentication failed with error Account blocked."):
        sign_in(cognito, client_id, "mallory")
    assert len(lambdas.events("postauth")) == posts  # no further step ran


def test_post_authentication_failure_stops_the_tokens(lambdas, cognito):
    post = lambdas.function("postauthfail", "def handler(event, context):\n    raise Exception('audit log down')\n")
    pool_id, client_id = pool_with(cognito, {"PostAuthentication": post})
    make_user(cognito, pool_id)
    with aws_error("UserLambdaValidationException", "PostAuthentication failed with error audit log down."):
        sign_in(cognito, client_id)


def test_post_confirmation_may_call_back_into_the_server(lambdas, cognito, trigger_server):
    # The function adds the user to a group through mock-cognito itself: it runs after the commit.
    arn = lambdas.function("postconfirm", f"""
import urllib.request
def handler(event, context):
    record(event)
    body = json.dumps({{"UserPoolId": event["userPoolId"], "Username": event["userName"], "GroupName": "members"}})
    request = urllib.request.Request("{trigger_server.url}/", data=body.encode(), method="POST", headers={{
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": "AWSCognitoIdentityProviderService.AdminAddUserToGroup"}})
    urllib.request.urlopen(request, timeout=4).read()
    return event
""")
    pool_id, client_id = pool_with(cognito, {"PostConfirmation": arn}, AutoVerifiedAttributes=["email"])
    cognito.create_group(UserPoolId=pool_id, GroupName="members")
    cognito.sign_up(ClientId=client_id, Username="bob", Password=PASSWORD,
                    UserAttributes=[{"Name": "email", "Value": "bob@example.com"}])
    code = get_messages(trigger_server, pool_id, "bob")[-1]["code"]
    cognito.confirm_sign_up(ClientId=client_id, Username="bob", ConfirmationCode=code, ClientMetadata={"a": "b"})
    event = lambdas.events("postconfirm")[-1]
    assert set(event) == COMMON_KEYS and event["triggerSource"] == "PostConfirmation_ConfirmSignUp"
    assert event["request"]["userAttributes"]["cognito:user_status"] == "CONFIRMED"
    assert event["request"]["userAttributes"]["email_verified"] == "true"
    assert event["request"]["clientMetadata"] == {"a": "b"}
    groups = cognito.admin_list_groups_for_user(UserPoolId=pool_id, Username="bob")["Groups"]
    assert [g["GroupName"] for g in groups] == ["members"]

    cognito.sign_up(ClientId=client_id, Username="carol", Password=PASSWORD,
                    UserAttributes=[{"Name": "email", "Value": "carol@example.com"}])
    cognito.admin_confirm_sign_up(UserPoolId=pool_id, Username="carol")
    event = lambdas.events("postconfirm")[-1]
    assert event["userName"] == "carol" and event["callerContext"]["clientId"] == "CLIENT_ID_NOT_APPLICABLE"

    cognito.forgot_password(ClientId=client_id, Username="bob")
    code = get_messages(trigger_server, pool_id, "bob")[-1]["code"]
    cognito.confirm_forgot_password(ClientId=client_id, Username="bob", ConfirmationCode=code, Password="N3w-Password!")
    assert lambdas.events("postconfirm")[-1]["triggerSource"] == "PostConfirmation_ConfirmForgotPassword"


# -- UserMigration -------------------------------------------------------------------------------
MIGRATION = """
def handler(event, context):
    record(event)
    if event['triggerSource'] == 'UserMigration_Authentication' and event['request']['password'] != 'Old-Passw0rd!':
        raise Exception('Bad password')
    event['response']['userAttributes'] = {'email': event['userName'] + '@legacy.example', 'email_verified': 'true'}
    event['response']['messageAction'] = 'SUPPRESS'
    if event['triggerSource'] == 'UserMigration_Authentication':
        event['response']['finalUserStatus'] = 'CONFIRMED'
    return event
"""


def test_user_migration_on_sign_in_and_forgot_password(lambdas, cognito, trigger_server):
    arn = lambdas.function("migrate", MIGRATION)
    pool_id, client_id = pool_with(cognito, {"UserMigration": arn})
    with aws_error("UserLambdaValidationException", "UserMigration failed with error Bad password."):
        cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                              AuthParameters={"USERNAME": "olduser", "PASSWORD": "wrong-Passw0rd!"})
    result = cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                   AuthParameters={"USERNAME": "olduser", "PASSWORD": "Old-Passw0rd!"},
                                   ClientMetadata={"from": "legacy"})["AuthenticationResult"]
    assert claims(result["IdToken"])["email"] == "olduser@legacy.example"
    event = lambdas.events("migrate")[-1]
    assert set(event) == COMMON_KEYS and event["triggerSource"] == "UserMigration_Authentication"
    assert event["userName"] == "olduser" and event["request"]["password"] == "Old-Passw0rd!"
    assert event["request"]["clientMetadata"] == {"from": "legacy"}
    user = cognito.admin_get_user(UserPoolId=pool_id, Username="olduser")
    assert user["UserStatus"] == "CONFIRMED"
    # The migrated user now signs in without the function.
    before = len(lambdas.events("migrate"))
    cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                          AuthParameters={"USERNAME": "olduser", "PASSWORD": "Old-Passw0rd!"})
    assert len(lambdas.events("migrate")) == before

    delivery = cognito.forgot_password(ClientId=client_id, Username="resetuser")["CodeDeliveryDetails"]
    assert delivery["DeliveryMedium"] == "EMAIL"
    event = lambdas.events("migrate")[-1]
    assert event["triggerSource"] == "UserMigration_ForgotPassword" and "password" not in event["request"]
    assert cognito.admin_get_user(UserPoolId=pool_id, Username="resetuser")["UserStatus"] == "RESET_REQUIRED"
    code = get_messages(trigger_server, pool_id, "resetuser")[-1]["code"]
    cognito.confirm_forgot_password(ClientId=client_id, Username="resetuser", ConfirmationCode=code,
                                    Password="N3w-Password!")
    sign_in_result = cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                           AuthParameters={"USERNAME": "resetuser", "PASSWORD": "N3w-Password!"})
    assert "AuthenticationResult" in sign_in_result
