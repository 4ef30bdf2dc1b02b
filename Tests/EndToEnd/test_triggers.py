"""Lambda triggers through a real Lambda service: ministack runs the functions, mock-cognito invokes
them through the Lambda Invoke API (--lambda-endpoint). Each test checks the event the function
recorded and that its answer was honoured; failures, a slow function and malformed answers map to
AWS's exceptions and texts (evidence beside each constant, as in
Sources/CognitoIdentityProvider/Triggers/TriggerErrors.swift)."""
from __future__ import annotations

import jwt
import pytest

from e2e import SMS_CONFIGURATION, RECOVERY_EMAIL_ONLY, aws_error, get_messages, unique_name
from lambda_service import LambdaService

PASSWORD = "Corr3ct-Horse!"
FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH",
         "ALLOW_CUSTOM_AUTH", "ALLOW_USER_SRP_AUTH"]
PHONE = "+15555550008"
COMMON_KEYS = {"version", "triggerSource", "region", "userPoolId", "userName", "callerContext", "request", "response"}

ECHO = "def handler(event, context):\n    record(event)\n    return event\n"


@pytest.fixture(scope="module")
def lambdas(tmp_path_factory):
    service = LambdaService(tmp_path_factory.mktemp("lambda"))
    yield service
    service.stop()


@pytest.fixture(scope="module")
def trigger_server(lambdas, tmp_path_factory):
    from e2e import Server
    server = Server(tmp_path_factory.mktemp("triggers"), args=("--lambda-endpoint", lambdas.url)).start()
    yield server
    assert server.stop() == 0


@pytest.fixture
def cognito(trigger_server):
    return trigger_server.client()


def pool_with(cognito, lambda_config, **pool_args):
    pool_id = cognito.create_user_pool(PoolName=unique_name("triggers"), LambdaConfig=lambda_config,
                                       **pool_args)["UserPool"]["Id"]
    client_id = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app",
                                                ExplicitAuthFlows=FLOWS)["UserPoolClient"]["ClientId"]
    return pool_id, client_id


def make_user(cognito, pool_id, username="alice", **attributes):
    attributes = {"email": f"{username}@example.com"} | attributes
    cognito.admin_create_user(UserPoolId=pool_id, Username=username, MessageAction="SUPPRESS",
                              TemporaryPassword="Temp0rary!pass",
                              UserAttributes=[{"Name": k, "Value": v} for k, v in attributes.items()])
    cognito.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=PASSWORD, Permanent=True)


def sign_in(cognito, client_id, username="alice", **extra):
    return cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                 AuthParameters={"USERNAME": username, "PASSWORD": PASSWORD}, **extra)


def claims(token):
    return jwt.decode(token, options={"verify_signature": False})


# -- the invocation machinery --------------------------------------------------------------------
def test_failing_slow_and_malformed_functions(lambdas, cognito):
    failing = lambdas.function("failing", "def handler(event, context):\n    raise Exception('Email domain is not allowed')\n")
    pool_id, client_id = pool_with(cognito, {"PreSignUp": failing})
    # https://github.com/aws-amplify/amplify-flutter/pull/1051: "PreSignUp failed with error <message>."
    with aws_error("UserLambdaValidationException", "PreSignUp failed with error Email domain is not allowed."):
        cognito.sign_up(ClientId=client_id, Username="bob", Password=PASSWORD)
    with aws_error("UserNotFoundException", "User does not exist."):
        cognito.admin_get_user(UserPoolId=pool_id, Username="bob")

    not_json = lambdas.function("notjson", "def handler(event, context):\n    return 'hello'\n")
    pool_id, client_id = pool_with(cognito, {"PreSignUp": not_json})
    # A JSON string is JSON but no answer: https://github.com/amazon-archives/amazon-cognito-identity-js/issues/167
    with aws_error("InvalidLambdaResponseException", "Unrecognizable lambda output"):
        cognito.sign_up(ClientId=client_id, Username="bob", Password=PASSWORD)

    wrong_type = lambdas.function(
        "wrongtype", "def handler(event, context):\n    event['response']['autoConfirmUser'] = 'yes'\n    return event\n")
    pool_id, client_id = pool_with(cognito, {"PreSignUp": wrong_type})
    with aws_error("InvalidLambdaResponseException", "Unrecognizable lambda output"):
        cognito.sign_up(ClientId=client_id, Username="bob", Password=PASSWORD)

    slow = lambdas.function("slow", "import time\ndef handler(event, context):\n    time.sleep(8)\n    return event\n")
    pool_id, client_id = pool_with(cognito, {"PreSignUp": slow})
    # https://github.com/anomalyco/sst/issues/1815: "PreSignUp invocation failed due to error Socket timeout …"
    with aws_error("UnexpectedLambdaException",
                   "PreSignUp invocation failed due to error Socket timeout while invoking Lambda function."):
        cognito.sign_up(ClientId=client_id, Username="bob", Password=PASSWORD)

    missing = "arn:aws:lambda:us-east-1:000000000000:function:does-not-exist"
    pool_id, client_id = pool_with(cognito, {"PreSignUp": missing})
    with aws_error("UnexpectedLambdaException", "PreSignUp invocation failed due to error ResourceNotFoundException."):
        cognito.sign_up(ClientId=client_id, Username="bob", Password=PASSWORD)


def test_without_an_endpoint_a_pool_with_triggers_fails_and_the_log_says_why(server_factory):
    server = server_factory()
    cognito = server.client()
    arn = "arn:aws:lambda:us-east-1:000000000000:function:pre-sign-up"
    pool_id, client_id = pool_with(cognito, {"PreSignUp": arn})
    with aws_error("UnexpectedLambdaException", "PreSignUp invocation failed due to error ResourceNotFoundException."):
        cognito.sign_up(ClientId=client_id, Username="bob", Password=PASSWORD)
    assert f"PreSignUp {arn} not invoked: the server has no --lambda-endpoint" in server.stderr()


# -- PreSignUp -----------------------------------------------------------------------------------
def test_pre_sign_up_auto_confirms_and_verifies(lambdas, cognito):
    arn = lambdas.function("presignup", """
def handler(event, context):
    record(event)
    event['response']['autoConfirmUser'] = True
    event['response']['autoVerifyEmail'] = True
    return event
""")
    pool_id, client_id = pool_with(cognito, {"PreSignUp": arn}, AutoVerifiedAttributes=["email"])
    answer = cognito.sign_up(ClientId=client_id, Username="bob", Password=PASSWORD,
                             UserAttributes=[{"Name": "email", "Value": "bob@example.com"}],
                             ValidationData=[{"Name": "invite", "Value": "abc"}], ClientMetadata={"app": "web"})
    assert answer["UserConfirmed"] is True and "CodeDeliveryDetails" not in answer
    user = cognito.admin_get_user(UserPoolId=pool_id, Username="bob")
    assert user["UserStatus"] == "CONFIRMED"
    assert {"Name": "email_verified", "Value": "true"} in user["UserAttributes"]
    sign_in(cognito, client_id, "bob")  # confirmed: tokens

    (event,) = lambdas.events("presignup")
    assert set(event) == COMMON_KEYS
    assert event["version"] == "1" and event["triggerSource"] == "PreSignUp_SignUp"
    assert event["region"] == "us-east-1" and event["userPoolId"] == pool_id and event["userName"] == "bob"
    assert event["callerContext"]["clientId"] == client_id
    assert event["request"] == {"userAttributes": {"email": "bob@example.com"}, "validationData": {"invite": "abc"},
                                "clientMetadata": {"app": "web"}}
    assert event["response"] == {"autoConfirmUser": False, "autoVerifyEmail": False, "autoVerifyPhone": False}

    cognito.admin_create_user(UserPoolId=pool_id, Username="carol", MessageAction="SUPPRESS",
                              UserAttributes=[{"Name": "email", "Value": "carol@example.com"}])
    event = lambdas.events("presignup")[-1]
    assert event["triggerSource"] == "PreSignUp_AdminCreateUser"
    assert event["callerContext"]["clientId"] == "CLIENT_ID_NOT_APPLICABLE"
    carol = cognito.admin_get_user(UserPoolId=pool_id, Username="carol")
    assert carol["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    assert {"Name": "email_verified", "Value": "true"} in carol["UserAttributes"]


# -- CustomMessage -------------------------------------------------------------------------------
CUSTOM_MESSAGE = """
def handler(event, context):
    record(event)
    source = event['triggerSource']
    code = event['request']['codeParameter']
    if source == 'CustomMessage_AdminCreateUser':
        event['response']['emailMessage'] = 'Welcome ' + event['request']['usernameParameter'] + ', password ' + code
        event['response']['emailSubject'] = 'Welcome'
    elif source == 'CustomMessage_Authentication':
        event['response']['smsMessage'] = 'Your ACME login code: ' + code
    elif source == 'CustomMessage_ForgotPassword':
        event['response']['emailMessage'] = 'no code here'
    else:
        event['response']['emailMessage'] = source + ' code ' + code
    return event
"""


def test_custom_message_for_mfa_codes_sign_up_and_invitations(lambdas, cognito, trigger_server):
    arn = lambdas.function("custommessage", CUSTOM_MESSAGE)
    pool_id, client_id = pool_with(cognito, {"CustomMessage": arn}, AutoVerifiedAttributes=["email"],
                                   SmsConfiguration=SMS_CONFIGURATION, AccountRecoverySetting=RECOVERY_EMAIL_ONLY)
    make_user(cognito, pool_id, phone_number=PHONE)
    cognito.set_user_pool_mfa_config(UserPoolId=pool_id, MfaConfiguration="ON", SmsMfaConfiguration={
        "SmsAuthenticationMessage": "Code: {####}", "SmsConfiguration": SMS_CONFIGURATION})
    challenge = sign_in(cognito, client_id, ClientMetadata={"locale": "de"})
    assert challenge["ChallengeName"] == "SMS_MFA"
    message = get_messages(trigger_server, pool_id, "alice")[-1]
    assert message["channel"] == "SMS" and message["destination"] == PHONE
    assert message["message"] == f"Your ACME login code: {message['code']}"
    event = lambdas.events("custommessage")[-1]
    assert set(event) == COMMON_KEYS and event["triggerSource"] == "CustomMessage_Authentication"
    assert event["callerContext"]["clientId"] == client_id
    assert event["request"]["codeParameter"] == "{####}" and event["request"]["usernameParameter"] is None
    assert event["request"]["userAttributes"]["phone_number"] == PHONE
    assert event["request"]["userAttributes"]["cognito:user_status"] == "CONFIRMED"
    assert event["request"]["clientMetadata"] == {"locale": "de"}
    assert event["response"] == {"smsMessage": None, "emailMessage": None, "emailSubject": None}
    tokens = cognito.respond_to_auth_challenge(
        ClientId=client_id, ChallengeName="SMS_MFA", Session=challenge["Session"],
        ChallengeResponses={"USERNAME": "alice", "SMS_MFA_CODE": message["code"]})
    assert "AccessToken" in tokens["AuthenticationResult"]

    cognito.sign_up(ClientId=client_id, Username="bob", Password=PASSWORD,
                    UserAttributes=[{"Name": "email", "Value": "bob@example.com"}])
    message = get_messages(trigger_server, pool_id, "bob")[-1]
    assert message["message"] == f"CustomMessage_SignUp code {message['code']}"
    cognito.resend_confirmation_code(ClientId=client_id, Username="bob")
    message = get_messages(trigger_server, pool_id, "bob")[-1]
    assert message["message"] == f"CustomMessage_ResendCode code {message['code']}"

    cognito.admin_create_user(UserPoolId=pool_id, Username="carol", TemporaryPassword="Temp0rary!pass",
                              DesiredDeliveryMediums=["EMAIL"],
                              UserAttributes=[{"Name": "email", "Value": "carol@example.com"}])
    message = get_messages(trigger_server, pool_id, "carol")[-1]
    assert message["message"] == "Welcome carol, password Temp0rary!pass"
    event = lambdas.events("custommessage")[-1]
    assert event["triggerSource"] == "CustomMessage_AdminCreateUser"
    assert event["request"]["usernameParameter"] == "{username}"
    assert event["callerContext"]["clientId"] == "CLIENT_ID_NOT_APPLICABLE"

    # A message without the code placeholder cannot deliver the code: the pool's own text is sent.
    cognito.admin_update_user_attributes(UserPoolId=pool_id, Username="alice",
                                         UserAttributes=[{"Name": "email_verified", "Value": "true"}])
    cognito.forgot_password(ClientId=client_id, Username="alice")
    message = get_messages(trigger_server, pool_id, "alice")[-1]
    assert message["message"] == f"Your verification code is {message['code']}. "


# -- PreTokenGeneration --------------------------------------------------------------------------
PRE_TOKEN_V1 = """
def handler(event, context):
    record(event)
    event['response']['claimsOverrideDetails'] = {
        'claimsToAddOrOverride': {'tenant': 'acme', 'email': 'masked@example.com', 'sub': 'forged'},
        'claimsToSuppress': ['email_verified'],
        'groupOverrideDetails': {'groupsToOverride': ['from-lambda'], 'iamRolesToOverride': [], 'preferredRole': None},
    }
    return event
"""

PRE_TOKEN_V2 = """
def handler(event, context):
    record(event)
    event['response']['claimsAndScopeOverrideDetails'] = {
        'idTokenGeneration': {'claimsToAddOrOverride': {'roles': ['a', 'b'], 'profile': {'tier': 3}}},
        'accessTokenGeneration': {'claimsToAddOrOverride': {'tenant': 'acme'}, 'claimsToSuppress': ['username'],
                                  'scopesToAdd': ['orders/read'], 'scopesToSuppress': ['aws.cognito.signin.user.admin']},
    }
    return event
"""


def test_pre_token_generation_v1(lambdas, cognito):
    arn = lambdas.function("pretoken1", PRE_TOKEN_V1)
    pool_id, client_id = pool_with(cognito, {"PreTokenGeneration": arn})
    described = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["LambdaConfig"]
    assert described["PreTokenGeneration"] == arn
    make_user(cognito, pool_id)
    cognito.create_group(UserPoolId=pool_id, GroupName="staff")
    cognito.admin_add_user_to_group(UserPoolId=pool_id, Username="alice", GroupName="staff")
    result = sign_in(cognito, client_id, ClientMetadata={"k": "v"})["AuthenticationResult"]
    id_token, access_token = claims(result["IdToken"]), claims(result["AccessToken"])
    assert id_token["tenant"] == "acme" and id_token["email"] == "masked@example.com"
    assert "email_verified" not in id_token
    assert id_token["sub"] != "forged"
    assert id_token["cognito:groups"] == ["from-lambda"] and access_token["cognito:groups"] == ["from-lambda"]
    assert "tenant" not in access_token
    event = lambdas.events("pretoken1")[-1]
    assert set(event) == COMMON_KEYS
    assert event["version"] == "1" and event["triggerSource"] == "TokenGeneration_Authentication"
    assert event["request"]["groupConfiguration"] == {"groupsToOverride": ["staff"], "iamRolesToOverride": [],
                                                      "preferredRole": None}
    assert event["request"]["clientMetadata"] == {"k": "v"}
    assert event["response"] == {"claimsOverrideDetails": None}

    refreshed = cognito.initiate_auth(ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                                      AuthParameters={"REFRESH_TOKEN": result["RefreshToken"]})
    assert claims(refreshed["AuthenticationResult"]["IdToken"])["tenant"] == "acme"
    assert lambdas.events("pretoken1")[-1]["triggerSource"] == "TokenGeneration_RefreshTokens"


def test_pre_token_generation_v2_customises_both_tokens_and_scopes(lambdas, cognito):
    arn = lambdas.function("pretoken2", PRE_TOKEN_V2)
    pool_id, client_id = pool_with(
        cognito, {"PreTokenGenerationConfig": {"LambdaArn": arn, "LambdaVersion": "V2_0"}})
    described = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["LambdaConfig"]
    assert described["PreTokenGenerationConfig"] == {"LambdaArn": arn, "LambdaVersion": "V2_0"}
    assert described["PreTokenGeneration"] == arn
    make_user(cognito, pool_id)
    result = sign_in(cognito, client_id)["AuthenticationResult"]
    id_token, access_token = claims(result["IdToken"]), claims(result["AccessToken"])
    assert id_token["roles"] == ["a", "b"] and id_token["profile"] == {"tier": 3}
    # username cannot be suppressed (a claim that identifies the user): the change is ignored.
    assert access_token["tenant"] == "acme" and access_token["username"] == "alice"
    assert access_token["scope"] == "orders/read"
    event = lambdas.events("pretoken2")[-1]
    assert event["version"] == "2" and event["request"]["scopes"] == ["aws.cognito.signin.user.admin"]
    assert event["response"] == {"claimsAndScopeOverrideDetails": None}


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


def test_custom_senders_are_not_supported(cognito, trigger_server):
    sender = {"LambdaArn": "arn:aws:lambda:us-east-1:000000000000:function:email-sender", "LambdaVersion": "V1_0"}
    pool_id, client_id = pool_with(cognito, {"CustomEmailSender": sender,
                                             "KMSKeyID": "arn:aws:kms:us-east-1:000000000000:key/abc"},
                                   AutoVerifiedAttributes=["email"])
    described = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["LambdaConfig"]
    assert described["CustomEmailSender"] == sender
    with aws_error("UnexpectedLambdaException", "CustomEmailSender invocation failed due to error AccessDeniedException."):
        cognito.sign_up(ClientId=client_id, Username="bob", Password=PASSWORD,
                        UserAttributes=[{"Name": "email", "Value": "bob@example.com"}])
    assert "CustomEmailSender is not supported (it needs KMS)" in trigger_server.stderr()


def test_custom_message_runs_after_the_commit(lambdas, cognito, trigger_server):
    # The function writes to mock-cognito while the SignUp that called it is still answering.
    arn = lambdas.function("custommessagecallback", f"""
import urllib.request
def handler(event, context):
    record(event)
    if event['userName'] == 'failing':
        raise Exception('template service down')
    body = json.dumps({{"UserPoolId": event["userPoolId"], "Username": event["userName"], "GroupName": "welcomed"}})
    request = urllib.request.Request("{trigger_server.url}/", data=body.encode(), method="POST", headers={{
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": "AWSCognitoIdentityProviderService.AdminAddUserToGroup"}})
    urllib.request.urlopen(request, timeout=4).read()
    event['response']['emailMessage'] = 'Hello ' + event['userName'] + ', your code is ' + event['request']['codeParameter']
    return event
""")
    pool_id, client_id = pool_with(cognito, {"CustomMessage": arn}, AutoVerifiedAttributes=["email"])
    cognito.create_group(UserPoolId=pool_id, GroupName="welcomed")
    cognito.sign_up(ClientId=client_id, Username="bob", Password=PASSWORD,
                    UserAttributes=[{"Name": "email", "Value": "bob@example.com"}])
    message = get_messages(trigger_server, pool_id, "bob")[-1]
    assert message["message"] == f"Hello bob, your code is {message['code']}"
    groups = cognito.admin_list_groups_for_user(UserPoolId=pool_id, Username="bob")["Groups"]
    assert [g["GroupName"] for g in groups] == ["welcomed"]

    # A failing function fails the operation; the user is stored, the message is not sent.
    with aws_error("UserLambdaValidationException", "CustomMessage failed with error template service down."):
        cognito.sign_up(ClientId=client_id, Username="failing", Password=PASSWORD,
                        UserAttributes=[{"Name": "email", "Value": "failing@example.com"}])
    assert cognito.admin_get_user(UserPoolId=pool_id, Username="failing")["UserStatus"] == "UNCONFIRMED"
    assert get_messages(trigger_server, pool_id, "failing") == []
