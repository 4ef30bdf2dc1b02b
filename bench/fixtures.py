#!/usr/bin/env python3
"""Creates the benchmark's pools, app clients and users in one server (mock-cognito or moto_server),
checks once what each benchmarked request answers, and prints a JSON description on stdout.

    bench/fixtures.py URL [--users 16] [--requests-dir DIR]

Two pools:
  * "plain": MFA OFF. GetUserPoolMfaConfig / SetUserPoolMfaConfig run on it, and its users sign in
    with ADMIN_USER_PASSWORD_AUTH and get tokens. SetUserPoolMfaConfig writes OPTIONAL + TOTP, which
    leaves these users (no factor enabled) signing in to tokens, so the mixed workload stays valid.
  * "mfa": MFA ON with SMS only, account recovery by e-mail first, users with a phone number, so
    every sign-in answers an SMS_MFA challenge (a new session and one outbox message each).
The JSON names each pool and client, the usernames and password, and what one sign-in answered in each
pool (`tokens`, `SMS_MFA`, ...): moto does not challenge, and the report says so.

With --requests-dir it also writes the request lists bench/cognito.lua reads (REQUESTS=file, one
"<Operation><TAB><JSON body>" line each): get.tsv, set.tsv, signin.tsv (tokens), signin_mfa.tsv
(SMS_MFA challenge) and mixed.tsv (70 % Get, 20 % Set, 10 % sign-in to tokens, interleaved)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import boto3
from botocore.config import Config

PASSWORD = "Bench-Passw0rd!"
SMS_CONFIG = {"SnsCallerArn": "arn:aws:iam::000000000000:role/bench-sns", "ExternalId": "bench"}


def outcome(answer: dict) -> str:
    if "AuthenticationResult" in answer:
        return "tokens"
    return answer.get("ChallengeName", "unknown")


def compact(value: dict) -> str:
    return json.dumps(value, separators=(",", ":"))


def write_requests(directory: Path, description: dict) -> None:
    plain = description["plain"]["pool"]
    get = ("GetUserPoolMfaConfig", compact({"UserPoolId": plain}))
    put = ("SetUserPoolMfaConfig", compact({"UserPoolId": plain, "MfaConfiguration": "OPTIONAL",
                                            "SoftwareTokenMfaConfiguration": {"Enabled": True}}))

    def signin(pool_name: str, user: str) -> tuple[str, str]:
        pool = description[pool_name]
        return ("AdminInitiateAuth", compact({
            "UserPoolId": pool["pool"], "ClientId": pool["client"], "AuthFlow": "ADMIN_USER_PASSWORD_AUTH",
            "AuthParameters": {"USERNAME": user, "PASSWORD": description["password"]}}))

    users = description["users"]
    mixed = []
    for user in users:  # blocks of 10: 7 Get, 2 Set, 1 sign-in, spread out
        mixed += [get, get, get, put, get, get, signin("plain", user), get, put, get]
    lists = {"get": [get], "set": [put], "signin": [signin("plain", u) for u in users],
             "signin_mfa": [signin("mfa", u) for u in users], "mixed": mixed}
    directory.mkdir(parents=True, exist_ok=True)
    for name, entries in lists.items():
        (directory / f"{name}.tsv").write_text("".join(f"{op}\t{body}\n" for op, body in entries))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--requests-dir", type=Path)
    args = parser.parse_args()

    cognito = boto3.client("cognito-idp", endpoint_url=args.url, region_name="us-east-1",
                           aws_access_key_id="bench", aws_secret_access_key="bench",
                           config=Config(retries={"max_attempts": 1}, read_timeout=30))
    flows = ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    recovery = {"RecoveryMechanisms": [{"Priority": 1, "Name": "verified_email"}]}

    plain = cognito.create_user_pool(PoolName="bench-plain")["UserPool"]["Id"]
    mfa = cognito.create_user_pool(PoolName="bench-mfa", AccountRecoverySetting=recovery,
                                   SmsConfiguration=SMS_CONFIG)["UserPool"]["Id"]
    cognito.set_user_pool_mfa_config(
        UserPoolId=mfa, MfaConfiguration="ON",
        SmsMfaConfiguration={"SmsAuthenticationMessage": "Your bench code is {####}", "SmsConfiguration": SMS_CONFIG})

    description = {"password": PASSWORD, "users": [f"bench-user-{i}" for i in range(args.users)]}
    for name, pool in (("plain", plain), ("mfa", mfa)):
        client = cognito.create_user_pool_client(UserPoolId=pool, ClientName=f"bench-{name}",
                                                 ExplicitAuthFlows=flows)["UserPoolClient"]["ClientId"]
        for i, user in enumerate(description["users"]):
            cognito.admin_create_user(UserPoolId=pool, Username=user, MessageAction="SUPPRESS", UserAttributes=[
                {"Name": "email", "Value": f"{user}@example.com"},
                {"Name": "phone_number", "Value": f"+1555{i:07d}"}])
            cognito.admin_set_user_password(UserPoolId=pool, Username=user, Password=PASSWORD, Permanent=True)
        answer = cognito.admin_initiate_auth(UserPoolId=pool, ClientId=client, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                             AuthParameters={"USERNAME": description["users"][0], "PASSWORD": PASSWORD})
        description[name] = {"pool": pool, "client": client, "signin": outcome(answer)}

    # Check that the benchmarked Get/Set requests succeed as sent by wrk (the same bodies).
    cognito.set_user_pool_mfa_config(UserPoolId=plain, MfaConfiguration="OPTIONAL",
                                     SoftwareTokenMfaConfiguration={"Enabled": True})
    got = cognito.get_user_pool_mfa_config(UserPoolId=plain)["MfaConfiguration"]
    if got != "OPTIONAL":
        sys.exit(f"GetUserPoolMfaConfig after Set answered {got}")
    again = cognito.admin_initiate_auth(UserPoolId=plain, ClientId=description["plain"]["client"],
                                        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                        AuthParameters={"USERNAME": description["users"][-1], "PASSWORD": PASSWORD})
    description["plain"]["signin_after_set"] = outcome(again)
    if args.requests_dir:
        write_requests(args.requests_dir, description)
    json.dump(description, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
