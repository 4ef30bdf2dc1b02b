"""The device operations and their Admin variants through boto3 (ConfirmDevice, UpdateDeviceStatus,
Get/List/ForgetDevice), their refusals, and device keys that belong to someone else; the sign-in
cycle itself is in test_devices.py."""
from __future__ import annotations

from pycognito.aws_srp import generate_hash_device

from e2e import aws_error, unique_name
from test_devices import FLOWS, NOT_FOUND, PASSWORD, answer_totp, claims, confirmed_device, password_sign_in, setup


def test_a_device_key_of_another_user_does_not_exist_for_this_one(fresh_server):
    server, cognito = fresh_server, fresh_server.client()
    pool_id, client_id, secret = setup(server, cognito)
    tokens, device = confirmed_device(server, cognito, pool_id, client_id, secret)
    cognito.admin_create_user(UserPoolId=pool_id, Username="bob", MessageAction="SUPPRESS", TemporaryPassword="Temp0rary!pass")
    cognito.admin_set_user_password(UserPoolId=pool_id, Username="bob", Password=PASSWORD, Permanent=True)
    with aws_error(*NOT_FOUND):
        cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                              AuthParameters={"USERNAME": "bob", "PASSWORD": PASSWORD, "DEVICE_KEY": device["key"]})
    with aws_error(*NOT_FOUND):
        cognito.admin_get_device(UserPoolId=pool_id, Username="bob", DeviceKey=device["key"])


def test_device_operations_and_admin_variants(fresh_server):
    server, cognito = fresh_server, fresh_server.client()
    pool_id, client_id, secret = setup(server, cognito)
    tokens, device = confirmed_device(server, cognito, pool_id, client_id, secret)
    access = tokens["AccessToken"]

    got = cognito.admin_get_device(UserPoolId=pool_id, Username="alice", DeviceKey=device["key"])["Device"]
    names = [a["Name"] for a in got["DeviceAttributes"]]
    assert names == ["device_status", "device_name", "dev:device_arn", "dev:device_owner", "dev:device_remembered_status"]
    arn = dict((a["Name"], a["Value"]) for a in got["DeviceAttributes"])["dev:device_arn"]
    assert arn.startswith("arn:aws:cognito-idp:us-east-1:") and arn.endswith(f":owner/alice.{pool_id}/device/{device['key']}")
    assert {"DeviceCreateDate", "DeviceLastModifiedDate", "DeviceLastAuthenticatedDate"} <= set(got)
    assert cognito.get_device(AccessToken=access, DeviceKey=device["key"])["Device"]["DeviceKey"] == device["key"]

    # A second confirmed device, and paging.
    _, second = confirmed_device(server, cognito, pool_id, client_id, secret)
    first_page = cognito.admin_list_devices(UserPoolId=pool_id, Username="alice", Limit=1)
    assert [d["DeviceKey"] for d in first_page["Devices"]] == [device["key"]]
    rest = cognito.admin_list_devices(UserPoolId=pool_id, Username="alice", Limit=1,
                                      PaginationToken=first_page["PaginationToken"])
    assert [d["DeviceKey"] for d in rest["Devices"]] == [second["key"]] and "PaginationToken" not in rest
    assert len(cognito.list_devices(AccessToken=access)["Devices"]) == 2

    cognito.admin_forget_device(UserPoolId=pool_id, Username="alice", DeviceKey=second["key"])
    with aws_error(*NOT_FOUND):
        cognito.get_device(AccessToken=access, DeviceKey=second["key"])
    with aws_error(*NOT_FOUND):
        cognito.forget_device(AccessToken=access, DeviceKey=second["key"])
    with aws_error(*NOT_FOUND):
        cognito.update_device_status(AccessToken=access, DeviceKey="us-east-1_00000000-0000-0000-0000-000000000000",
                                     DeviceRememberedStatus="remembered")

    # ConfirmDevice: only the caller's own device; a confirmed one only with a token of its own sign-in.
    _, config = generate_hash_device("-group", "key")
    with aws_error("InvalidParameterException", "Invalid device key given."):
        cognito.confirm_device(AccessToken=access, DeviceKey="us-east-1_00000000-0000-0000-0000-000000000000",
                               DeviceSecretVerifierConfig=config)
    other = password_sign_in(cognito, client_id)  # TOTP challenge: answer it for another sign-in's token
    other_tokens = answer_totp(server, cognito, client_id, other, secret)["AuthenticationResult"]
    with aws_error("InvalidParameterException", "Invalid device key given."):
        cognito.confirm_device(AccessToken=other_tokens["AccessToken"], DeviceKey=device["key"],
                               DeviceSecretVerifierConfig=config)
    with aws_error("InvalidParameterException", "Invalid DeviceSecretVerifierConfig given."):
        cognito.confirm_device(AccessToken=other_tokens["AccessToken"],
                               DeviceKey=other_tokens["NewDeviceMetadata"]["DeviceKey"],
                               DeviceSecretVerifierConfig={"PasswordVerifier": "not base64!", "Salt": "AAAA"})

    # Deleting the user deletes the devices.
    cognito.admin_delete_user(UserPoolId=pool_id, Username="alice")
    with aws_error("UserNotFoundException", "User does not exist."):
        cognito.admin_list_devices(UserPoolId=pool_id, Username="alice")


def test_a_pool_without_device_configuration_tracks_no_device(server, cognito):
    pool_id = cognito.create_user_pool(PoolName=unique_name("nodev"))["UserPool"]["Id"]
    client_id = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app",
                                                ExplicitAuthFlows=FLOWS)["UserPoolClient"]["ClientId"]
    cognito.admin_create_user(UserPoolId=pool_id, Username="alice", MessageAction="SUPPRESS", TemporaryPassword="Temp0rary!pass")
    cognito.admin_set_user_password(UserPoolId=pool_id, Username="alice", Password=PASSWORD, Permanent=True)
    result = password_sign_in(cognito, client_id)["AuthenticationResult"]
    assert "NewDeviceMetadata" not in result and "device_key" not in claims(result["AccessToken"])
    assert cognito.list_devices(AccessToken=result["AccessToken"])["Devices"] == []
