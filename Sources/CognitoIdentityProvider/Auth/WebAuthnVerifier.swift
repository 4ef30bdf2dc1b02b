import AWSJSONProtocol
import CBOR
import CryptoPrimitives
import FoundationEssentials
import Glibc

/// The pool's passkey settings: `WebAuthnConfiguration` (SetUserPoolMfaConfig) and whether
/// `WEB_AUTHN` is an allowed first factor.
struct WebAuthnSettings: Sendable {
    let relyingPartyId: String
    /// `required` or `preferred` (the default) [D: API WebAuthnConfigurationType.UserVerification].
    let userVerification: String
    /// A passkey with user verification satisfies MFA [D: API WebAuthnConfigurationType.FactorConfiguration].
    let multiFactorWithUserVerification: Bool

    /// The settings, or AWS's exception: `WebAuthnNotEnabledException` when the pool does not allow
    /// WEB_AUTHN as a first factor, `WebAuthnConfigurationMissingException` when it has neither a
    /// relying party id nor a domain [D: the exceptions' API descriptions; texts [I]].
    init(_ pool: UserPool) throws {
        guard pool.allowedFirstAuthFactors.contains("WEB_AUTHN"), pool.tier != "LITE" else { throw WebAuthnErrors.notEnabled }
        let configuration = pool.factors.webAuthn ?? [:]
        let domain = pool.settings["CustomDomain"]?.stringValue
            ?? pool.settings["Domain"]?.stringValue.map { "\($0).auth.\(pool.region).amazoncognito.com" }
        guard let rpId = configuration["RelyingPartyId"]?.stringValue ?? domain else { throw WebAuthnErrors.configurationMissing }
        relyingPartyId = rpId
        userVerification = configuration["UserVerification"]?.stringValue ?? "preferred"
        multiFactorWithUserVerification = configuration["FactorConfiguration"]?.stringValue == "MULTI_FACTOR_WITH_USER_VERIFICATION"
    }
}

/// A credential that passed registration, ready to store.
struct VerifiedRegistration: Sendable {
    let credentialId: String
    let publicKey: [UInt8]
    let signCount: UInt32
    let format: String
}

/// The relying party's checks (WebAuthn Level 2, sections 7.1 and 7.2), with the exceptions AWS
/// names for each kind of mismatch; a structure that cannot be read is `Credential data is not valid`.
enum WebAuthnVerifier {
    /// CompleteWebAuthnRegistration's `Credential` (RegistrationResponseJSON) against the challenge
    /// StartWebAuthnRegistration issued.
    static func verifyRegistration(_ credential: JSONValue, challenge: String, settings: WebAuthnSettings) throws -> VerifiedRegistration {
        guard let id = credential["id"]?.stringValue, let rawId = Base64URL.decode(id),
            credential["type"]?.stringValue == "public-key",
            let clientJSON = credential["response"]?["clientDataJSON"]?.stringValue.flatMap(Base64URL.decode),
            let attestation = credential["response"]?["attestationObject"]?.stringValue.flatMap(Base64URL.decode),
            attestation.count <= 16_384, let clientData = ClientData(clientJSON),
            let object = try? CBORDecoder.decode(attestation), let format = object["fmt"]?.textValue,
            let authBytes = object["authData"]?.bytesValue, let authData = AuthenticatorData(authBytes),
            let statement = object["attStmt"], case .map = statement
        else { throw WebAuthnErrors.invalidCredential }
        try checkClientData(clientData, type: "webauthn.create", challenge: challenge, settings: settings)
        try checkAuthenticatorData(authData, settings: settings)
        guard let credentialId = authData.credentialId, credentialId == rawId, let publicKey = authData.publicKey else {
            throw WebAuthnErrors.invalidCredential
        }
        guard let algorithm = COSEKey.algorithm(publicKey) else { throw WebAuthnErrors.credentialNotSupported }
        switch format {
        case "none":
            guard case .map(let members) = statement, members.isEmpty else { throw WebAuthnErrors.invalidCredential }
        case "packed":
            // Self attestation (section 8.2): no x5c, the statement's alg is the key's, and sig is the
            // credential key's signature over authData || SHA-256(clientDataJSON). Full attestation with
            // a certificate chain is not accepted [I].
            guard statement["x5c"] == nil else { throw WebAuthnErrors.credentialNotSupported }
            guard statement["alg"]?.integer == algorithm, let signature = statement["sig"]?.bytesValue,
                COSEKey.verify(publicKey, message: authBytes + Digest.sha256(clientJSON), signature: signature)
            else { throw WebAuthnErrors.invalidCredential }
        default:
            throw WebAuthnErrors.credentialNotSupported
        }
        return VerifiedRegistration(credentialId: Base64URL.encode(credentialId), publicKey: publicKey, signCount: authData.signCount, format: format)
    }

    /// The assertion's verdict: the new sign count and whether the user was verified.
    struct Assertion: Sendable {
        let signCount: UInt32
        let userVerified: Bool
    }

    /// A WEB_AUTHN answer (AuthenticationResponseJSON) for `passkey` against the session's challenge;
    /// the sign count must grow unless the authenticator keeps none (both zero).
    static func verifyAssertion(
        _ credential: JSONValue, passkey: StoredPasskey, userHandle expectedHandle: String, challenge: String,
        settings: WebAuthnSettings
    ) throws -> Assertion {
        guard let clientJSON = credential["response"]?["clientDataJSON"]?.stringValue.flatMap(Base64URL.decode),
            let authBytes = credential["response"]?["authenticatorData"]?.stringValue.flatMap(Base64URL.decode),
            let signature = credential["response"]?["signature"]?.stringValue.flatMap(Base64URL.decode),
            let clientData = ClientData(clientJSON), let authData = AuthenticatorData(authBytes)
        else { throw WebAuthnErrors.invalidCredential }
        if let handle = credential["response"]?["userHandle"]?.stringValue, !handle.isEmpty,
            Base64URL.decode(handle) != Base64URL.decode(expectedHandle)
        {
            throw AuthErrors.invalidPasskey
        }
        // An assertion for another challenge (a replay) is a wrong answer, not a missing registration.
        try checkClientData(clientData, type: "webauthn.get", challenge: challenge, settings: settings, mismatch: AuthErrors.invalidPasskey)
        try checkAuthenticatorData(authData, settings: settings)
        guard COSEKey.verify(passkey.publicKey, message: authBytes + Digest.sha256(clientJSON), signature: signature) else {
            throw AuthErrors.invalidPasskey
        }
        if authData.signCount != 0 || passkey.signCount != 0, authData.signCount <= passkey.signCount {
            throw AuthErrors.invalidPasskey  // a cloned authenticator (section 6.1.1)
        }
        return Assertion(signCount: authData.signCount, userVerified: authData.userVerified)
    }

    private static func checkClientData(
        _ clientData: ClientData, type: String, challenge: String, settings: WebAuthnSettings,
        mismatch: AWSServiceError = WebAuthnErrors.challengeNotFound
    ) throws {
        guard clientData.type == type else { throw WebAuthnErrors.invalidCredential }
        guard clientData.challenge == challenge else { throw mismatch }
        guard ClientData.originAllowed(clientData.origin, rpId: settings.relyingPartyId) else { throw WebAuthnErrors.originNotAllowed }
    }

    private static func checkAuthenticatorData(_ authData: AuthenticatorData, settings: WebAuthnSettings) throws {
        guard Digest.constantTimeEquals(authData.rpIdHash, Digest.sha256(Array(settings.relyingPartyId.utf8))) else {
            throw WebAuthnErrors.relyingPartyMismatch
        }
        guard authData.flags & AuthenticatorData.userPresent != 0 else { throw WebAuthnErrors.invalidCredential }
        if settings.userVerification == "required", !authData.userVerified { throw WebAuthnErrors.invalidCredential }
    }
}

/// The passkey operations' exceptions (types from the API model; texts [I] except where noted).
enum WebAuthnErrors {
    /// [R: aws-sdk-net#4386].
    static let invalidCredential = AWSServiceError.invalidParameter("Credential data is not valid")
    static let notEnabled = AWSServiceError(type: "WebAuthnNotEnabledException", message: "Passkey sign-in is not enabled for this user pool.")
    static let configurationMissing = AWSServiceError(
        type: "WebAuthnConfigurationMissingException", message: "The user pool has no relying party id and no domain.")
    static let challengeNotFound = AWSServiceError(
        type: "WebAuthnChallengeNotFoundException", message: "The registration challenge was not found or has expired.")
    static let clientMismatch = AWSServiceError(
        type: "WebAuthnClientMismatchException", message: "The access token is for another client than the registration request.")
    static let relyingPartyMismatch = AWSServiceError(
        type: "WebAuthnRelyingPartyMismatchException", message: "The credential is for another relying party.")
    static let originNotAllowed = AWSServiceError(
        type: "WebAuthnOriginNotAllowedException", message: "The credential's origin does not match the relying party id.")
    static let credentialNotSupported = AWSServiceError(
        type: "WebAuthnCredentialNotSupportedException", message: "The credential's key type or attestation is not supported.")
    static let credentialNotFound = AWSServiceError.resourceNotFound("Credential not found.")
}
