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
