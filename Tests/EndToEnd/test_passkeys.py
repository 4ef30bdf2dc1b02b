"""Passkeys end to end: soft-webauthn (a software authenticator on Yubico's fido2 types) registers
and signs in through boto3; py_webauthn 2.x (an independent relying-party implementation) verifies
the same registration and assertions against what the server issued. Packed self-attestation,
RS256 keys and user verification come from a small authenticator built here on `cryptography`."""
from __future__ import annotations

import base64
import hashlib
import json
import os
import struct

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from fido2 import cbor
from soft_webauthn import SoftWebauthnDevice
from webauthn import verify_authentication_response, verify_registration_response
from webauthn.helpers import parse_authentication_options_json, parse_registration_options_json

from e2e import RECOVERY_ADMIN_ONLY, SMS_CONFIGURATION, aws_error, last_code, unique_name

PASSWORD = "Corr3ct-Horse!"
RP_ID = "example.com"
ORIGIN = "https://example.com"
INVALID = ("InvalidParameterException", "Credential data is not valid")


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Authenticator(SoftWebauthnDevice):
    """soft-webauthn with the flags, attestation and key type a test asks for."""

    def __init__(self, verify_user=False, packed=False, rsa_key=False):
        super().__init__()
        self.verify_user, self.packed, self.rsa_key = verify_user, packed, rsa_key

    def cose(self):
        if not self.rsa_key:
            numbers = self.private_key.public_key().public_numbers()
            return {1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")}
        numbers = self.private_key.public_key().public_numbers()
        return {1: 3, 3: -257, -1: numbers.n.to_bytes(256, "big"), -2: numbers.e.to_bytes(3, "big")}

    def sign(self, data):
        if self.rsa_key:
            return self.private_key.sign(data, padding.PKCS1v15(), hashes.SHA256())
        return self.private_key.sign(data, ec.ECDSA(hashes.SHA256()))

    def flags(self, base):
        return bytes([base | (0x04 if self.verify_user else 0)])

    def create(self, options, origin):
        if not (self.packed or self.rsa_key or self.verify_user):
            return super().create(options, origin)
        self.credential_id = os.urandom(32)
        self.private_key = rsa.generate_private_key(65537, 2048) if self.rsa_key else ec.generate_private_key(ec.SECP256R1())
        self.rp_id, self.user_handle = options["publicKey"]["rp"]["id"], options["publicKey"]["user"]["id"]
        client_data = json.dumps({"type": "webauthn.create", "challenge": b64url(options["publicKey"]["challenge"]),
                                  "origin": origin}).encode()
        auth_data = (hashlib.sha256(self.rp_id.encode()).digest() + self.flags(0x41) + struct.pack(">I", 0) + self.aaguid
                     + struct.pack(">H", 32) + self.credential_id + cbor.encode(self.cose()))
        statement = {}
        if self.packed:
            statement = {"alg": self.cose()[3], "sig": self.sign(auth_data + hashlib.sha256(client_data).digest())}
        attestation = cbor.encode({"fmt": "packed" if self.packed else "none", "attStmt": statement, "authData": auth_data})
        return {"id": b64url(self.credential_id), "rawId": self.credential_id, "type": "public-key",
                "response": {"clientDataJSON": client_data, "attestationObject": attestation}}

    def get(self, options, origin):
        self.sign_count += 1
        client_data = json.dumps({"type": "webauthn.get", "challenge": b64url(options["publicKey"]["challenge"]),
                                  "origin": origin}).encode()
        auth_data = hashlib.sha256(self.rp_id.encode()).digest() + self.flags(0x01) + struct.pack(">I", self.sign_count)
        return {"id": b64url(self.credential_id), "rawId": self.credential_id, "type": "public-key",
                "response": {"authenticatorData": auth_data, "clientDataJSON": client_data,
                             "signature": self.sign(auth_data + hashlib.sha256(client_data).digest()),
                             "userHandle": self.user_handle}}


def registration_json(created):
    return {"id": b64url(created["rawId"]), "rawId": b64url(created["rawId"]), "type": "public-key",
            "response": {"clientDataJSON": b64url(created["response"]["clientDataJSON"]),
                         "attestationObject": b64url(created["response"]["attestationObject"]),
                         "transports": ["internal"]},
            "clientExtensionResults": {}, "authenticatorAttachment": "platform"}


def assertion_json(asserted):
    response = asserted["response"]
    return {"id": b64url(asserted["rawId"]), "rawId": b64url(asserted["rawId"]), "type": "public-key",
            "response": {"clientDataJSON": b64url(response["clientDataJSON"]),
                         "authenticatorData": b64url(response["authenticatorData"]),
                         "signature": b64url(response["signature"]), "userHandle": b64url(response["userHandle"])},
            "clientExtensionResults": {}}


def setup(cognito, factor_configuration="SINGLE_FACTOR", user_verification="preferred", mfa_mode="OFF"):
    pool_id = cognito.create_user_pool(
        PoolName=unique_name("pk"), AccountRecoverySetting=RECOVERY_ADMIN_ONLY, SmsConfiguration=SMS_CONFIGURATION,
        Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "WEB_AUTHN"]}})["UserPool"]["Id"]
    config = {"UserPoolId": pool_id, "MfaConfiguration": mfa_mode,
              "WebAuthnConfiguration": {"RelyingPartyId": RP_ID, "UserVerification": user_verification,
                                        "FactorConfiguration": factor_configuration}}
    if mfa_mode != "OFF":
        config["SmsMfaConfiguration"] = {"SmsConfiguration": SMS_CONFIGURATION}
    cognito.set_user_pool_mfa_config(**config)
    client_id = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app",
                                                ExplicitAuthFlows=["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
                                                )["UserPoolClient"]["ClientId"]
    cognito.admin_create_user(UserPoolId=pool_id, Username="alice", MessageAction="SUPPRESS", TemporaryPassword="Temp0rary!pass",
                              UserAttributes=[{"Name": "phone_number", "Value": "+15555550123"}])
    cognito.admin_set_user_password(UserPoolId=pool_id, Username="alice", Password=PASSWORD, Permanent=True)
    tokens = cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_AUTH",
                                   AuthParameters={"USERNAME": "alice", "PREFERRED_CHALLENGE": "PASSWORD", "PASSWORD": PASSWORD})
    return pool_id, client_id, tokens["AuthenticationResult"]["AccessToken"]


def register(cognito, access, authenticator, origin=ORIGIN, tamper=None):
    """StartWebAuthnRegistration → the authenticator creates → CompleteWebAuthnRegistration; also
    verified independently by py_webauthn. Returns (options, py_webauthn's verification)."""
    options = cognito.start_web_authn_registration(AccessToken=access)["CredentialCreationOptions"]
    parsed = parse_registration_options_json(options)  # py_webauthn reads the options as a browser would get them
    assert parsed.rp.id == RP_ID and parsed.challenge == unb64url(options["challenge"])
    public_key = {**options, "challenge": unb64url(options["challenge"]),
                  "user": {**options["user"], "id": unb64url(options["user"]["id"])}}
    credential = registration_json(authenticator.create({"publicKey": public_key}, origin))
    if tamper:
        tamper(credential)
    cognito.complete_web_authn_registration(AccessToken=access, Credential=credential)
    independent = verify_registration_response(credential=credential, expected_challenge=unb64url(options["challenge"]),
                                               expected_origin=origin, expected_rp_id=RP_ID)
    return options, independent


def passkey_sign_in(cognito, client_id, authenticator, verification=None):
    challenge = cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_AUTH",
                                      AuthParameters={"USERNAME": "alice", "PREFERRED_CHALLENGE": "WEB_AUTHN"})
    assert challenge["ChallengeName"] == "WEB_AUTHN"
    options = json.loads(challenge["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"])
    parsed = parse_authentication_options_json(options)
    assert parsed.rp_id == RP_ID and parsed.challenge == unb64url(options["challenge"])
    asserted = assertion_json(authenticator.get({"publicKey": {"challenge": unb64url(options["challenge"]),
                                                               "rpId": options["rpId"]}}, ORIGIN))
    if verification is not None:  # the independent verifier accepts what the server asked for
        verify_authentication_response(credential=asserted, expected_challenge=unb64url(options["challenge"]),
                                       expected_rp_id=RP_ID, expected_origin=ORIGIN,
                                       credential_public_key=verification.credential_public_key,
                                       credential_current_sign_count=authenticator.sign_count - 1)
    result = cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName="WEB_AUTHN", Session=challenge["Session"],
                                               ChallengeResponses={"USERNAME": "alice", "CREDENTIAL": json.dumps(asserted)})
    return challenge, options, asserted, result


def test_soft_webauthn_registers_and_signs_in(server, cognito):
    pool_id, client_id, access = setup(cognito)
    authenticator = Authenticator()
    options, verification = register(cognito, access, authenticator)
    assert options["rp"]["id"] == RP_ID and {"type": "public-key", "alg": -7} in options["pubKeyCredParams"]
    assert options["authenticatorSelection"]["userVerification"] == "preferred"
    listed = cognito.list_web_authn_credentials(AccessToken=access)["Credentials"]
    assert [c["CredentialId"] for c in listed] == [b64url(authenticator.credential_id)]
    assert listed[0]["RelyingPartyId"] == RP_ID and listed[0]["AuthenticatorTransports"] == ["internal"]
    assert cognito.get_user_auth_factors(AccessToken=access)["ConfiguredUserAuthFactors"] == ["PASSWORD", "WEB_AUTHN"]

    selection = cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_AUTH", AuthParameters={"USERNAME": "alice"})
    assert selection["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP", "WEB_AUTHN"]
    challenge, request_options, asserted, result = passkey_sign_in(cognito, client_id, authenticator, verification)
    assert request_options["rpId"] == RP_ID
    assert request_options["allowCredentials"][0]["id"] == b64url(authenticator.credential_id)
    assert "AccessToken" in result["AuthenticationResult"]

    # The same assertion again: the session is used up; with a new session, the count did not grow.
    with aws_error("NotAuthorizedException", "Invalid session for the user, session can only be used once."):
        cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName="WEB_AUTHN", Session=challenge["Session"],
                                          ChallengeResponses={"USERNAME": "alice", "CREDENTIAL": json.dumps(asserted)})
    again = cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_AUTH",
                                  AuthParameters={"USERNAME": "alice", "PREFERRED_CHALLENGE": "WEB_AUTHN"})
    with aws_error("NotAuthorizedException", "Incorrect username or password."):
        cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName="WEB_AUTHN", Session=again["Session"],
                                          ChallengeResponses={"USERNAME": "alice", "CREDENTIAL": json.dumps(asserted)})

    cognito.delete_web_authn_credential(AccessToken=access, CredentialId=b64url(authenticator.credential_id))
    assert cognito.list_web_authn_credentials(AccessToken=access)["Credentials"] == []
    with aws_error("ResourceNotFoundException", "Credential not found."):
        cognito.delete_web_authn_credential(AccessToken=access, CredentialId=b64url(authenticator.credential_id))
    selection = cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_AUTH", AuthParameters={"USERNAME": "alice"})
    assert "WEB_AUTHN" not in selection["AvailableChallenges"]


def test_packed_self_attestation_and_rs256(server, cognito):
    pool_id, client_id, access = setup(cognito)
    for authenticator in (Authenticator(packed=True), Authenticator(rsa_key=True), Authenticator(packed=True, rsa_key=True)):
        _, verification = register(cognito, access, authenticator)
        assert "AccessToken" in passkey_sign_in(cognito, client_id, authenticator, verification)[3]["AuthenticationResult"]


def test_registration_refusals(server, cognito):
    pool_id, client_id, access = setup(cognito)
    with aws_error("WebAuthnOriginNotAllowedException", "The credential's origin does not match the relying party id."):
        register(cognito, access, Authenticator(), origin="https://evil.example.net")

    def other_rp(credential):
        attestation = cbor.decode(unb64url(credential["response"]["attestationObject"]))
        attestation["authData"] = hashlib.sha256(b"evil.example.net").digest() + attestation["authData"][32:]
        credential["response"]["attestationObject"] = b64url(cbor.encode(attestation))
    with aws_error("WebAuthnRelyingPartyMismatchException", "The credential is for another relying party."):
        register(cognito, access, Authenticator(), tamper=other_rp)

    def bad_packed_signature(credential):
        attestation = cbor.decode(unb64url(credential["response"]["attestationObject"]))
        attestation["attStmt"]["sig"] = bytes(70)
        credential["response"]["attestationObject"] = b64url(cbor.encode(attestation))
    with aws_error(*INVALID):
        register(cognito, access, Authenticator(packed=True), tamper=bad_packed_signature)

    def garbage(credential):
        credential["response"]["attestationObject"] = b64url(b"\x9f" * 40)
    with aws_error(*INVALID):
        register(cognito, access, Authenticator(), tamper=garbage)

    def other_challenge(credential):
        client_data = json.loads(unb64url(credential["response"]["clientDataJSON"]))
        client_data["challenge"] = b64url(os.urandom(32))
        credential["response"]["clientDataJSON"] = b64url(json.dumps(client_data).encode())
    with aws_error("WebAuthnChallengeNotFoundException", "The registration challenge was not found or has expired."):
        register(cognito, access, Authenticator(), tamper=other_challenge)
    assert cognito.list_web_authn_credentials(AccessToken=access)["Credentials"] == []


def test_completion_needs_a_started_registration_of_the_same_client(server, cognito):
    pool_id, client_id, access = setup(cognito)
    with aws_error("WebAuthnChallengeNotFoundException", "The registration challenge was not found or has expired."):
        cognito.complete_web_authn_registration(AccessToken=access, Credential={"id": "x", "type": "public-key"})
    other_client = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="other", ExplicitAuthFlows=[
        "ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
    other_access = cognito.initiate_auth(ClientId=other_client, AuthFlow="USER_AUTH", AuthParameters={
        "USERNAME": "alice", "PREFERRED_CHALLENGE": "PASSWORD", "PASSWORD": PASSWORD})["AuthenticationResult"]["AccessToken"]
    cognito.start_web_authn_registration(AccessToken=access)
    with aws_error("WebAuthnClientMismatchException",
                   "The access token is for another client than the registration request."):
        cognito.complete_web_authn_registration(AccessToken=other_access, Credential={"id": "x", "type": "public-key"})


def test_required_user_verification(server, cognito):
    pool_id, client_id, access = setup(cognito, user_verification="required")
    with aws_error(*INVALID):
        register(cognito, access, Authenticator())  # soft-webauthn sets UP only
    authenticator = Authenticator(verify_user=True)
    register(cognito, access, authenticator)
    authenticator.verify_user = False
    with aws_error(*INVALID):
        passkey_sign_in(cognito, client_id, authenticator)


def test_passkeys_need_the_factor_allowed(server, cognito):
    pool_id = cognito.create_user_pool(PoolName=unique_name("nopk"))["UserPool"]["Id"]
    client_id = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
    cognito.admin_create_user(UserPoolId=pool_id, Username="alice", MessageAction="SUPPRESS", TemporaryPassword="Temp0rary!pass")
    cognito.admin_set_user_password(UserPoolId=pool_id, Username="alice", Password=PASSWORD, Permanent=True)
    access = cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_AUTH", AuthParameters={
        "USERNAME": "alice", "PREFERRED_CHALLENGE": "PASSWORD", "PASSWORD": PASSWORD})["AuthenticationResult"]["AccessToken"]
    with aws_error("WebAuthnNotEnabledException", "Passkey sign-in is not enabled for this user pool."):
        cognito.start_web_authn_registration(AccessToken=access)


# -- the MFA rows ------------------------------------------------------------------------------------
def enable_user_sms_mfa(cognito, pool_id):
    cognito.admin_set_user_mfa_preference(UserPoolId=pool_id, Username="alice", SMSMfaSettings={"Enabled": True})


def test_single_factor_passkey_is_followed_by_mfa(server, cognito):
    pool_id, client_id, access = setup(cognito, "SINGLE_FACTOR", mfa_mode="OPTIONAL")
    authenticator = Authenticator(verify_user=True)
    register(cognito, access, authenticator)
    enable_user_sms_mfa(cognito, pool_id)
    result = passkey_sign_in(cognito, client_id, authenticator)[3]
    assert result["ChallengeName"] == "SMS_MFA"
    done = cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName="SMS_MFA", Session=result["Session"],
                                             ChallengeResponses={"USERNAME": "alice",
                                                                 "SMS_MFA_CODE": last_code(server, pool_id, "alice")})
    assert "AccessToken" in done["AuthenticationResult"]


def test_verified_passkey_satisfies_mfa_with_multi_factor_configuration(server, cognito):
    pool_id, client_id, access = setup(cognito, "MULTI_FACTOR_WITH_USER_VERIFICATION", mfa_mode="OPTIONAL")
    authenticator = Authenticator(verify_user=True)
    register(cognito, access, authenticator)
    enable_user_sms_mfa(cognito, pool_id)
    assert "AccessToken" in passkey_sign_in(cognito, client_id, authenticator)[3]["AuthenticationResult"]
    # Without user verification the passkey is one factor: MFA follows.
    authenticator.verify_user = False
    assert passkey_sign_in(cognito, client_id, authenticator)[3]["ChallengeName"] == "SMS_MFA"
