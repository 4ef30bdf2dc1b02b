import AWSJSONProtocol
import CryptoPrimitives
import SQLiteStore

/// What a valid access token says about its caller.
struct VerifiedAccessToken: Sendable {
    let poolId: String
    let username: String
    let sub: String
    let clientId: String
    let originJti: String
    /// The `device_key` claim: the device the sign-in was made with or given.
    var deviceKey: String? = nil
    /// The token's `scope` claim, split at spaces.
    var scopes: [String] = []
}

/// Checks the `AccessToken` of the operations that take one (GetUser, ChangePassword,
/// GlobalSignOut, AssociateSoftwareToken, ...): signature by the pool's key, `token_use`, expiry
/// by the service clock, and revocation; each failure with AWS's text (spec 4.1).
struct AccessTokenVerifier: Sendable {
    let keys: SigningKeys
    let database: Database

    func verify(_ token: String, now: Double) throws -> VerifiedAccessToken {
        guard let unverified = JSONWebSignature.decodeUnverified(token),
            let claims = try? JSONParser.parse(unverified.payload),
            let header = try? JSONParser.parse(unverified.header),
            let issuer = claims["iss"]?.stringValue,
            let poolId = issuer.split(separator: "/").last.map(String.init),
            let key = try keys.storedKey(for: poolId),
            header["kid"]?.stringValue == key.kid,
            JSONWebSignature.verifyRS256(token, key: key.privateKey.publicKey) != nil,
            claims["token_use"]?.stringValue == "access",
            let username = claims["username"]?.stringValue,
            let sub = claims["sub"]?.stringValue,
            let clientId = claims["client_id"]?.stringValue,
            let originJti = claims["origin_jti"]?.stringValue,
            let expiry = claims["exp"]?.doubleValue
        else { throw AuthErrors.invalidAccessToken }
        guard now < expiry else { throw AuthErrors.accessTokenExpired }
        let revoked = try database.read { try RefreshTokenStore.isRevoked(originJti: originJti, in: $0) }
        guard !revoked else { throw AuthErrors.accessTokenRevoked }
        return VerifiedAccessToken(
            poolId: poolId, username: username, sub: sub, clientId: clientId, originJti: originJti,
            deviceKey: claims["device_key"]?.stringValue, scopes: OAuthGrant.split(claims["scope"]?.stringValue ?? ""))
    }

    /// The operations on the caller's own user (GetUser, ChangePassword, the MFA set-up, GlobalSignOut,
    /// ...) need the `aws.cognito.signin.user.admin` scope, which API sign-ins always carry and an
    /// OAuth sign-in carries only when it was asked for [R: "NotAuthorizedException: Access Token does
    /// not have required scopes", amplify-js#1906, aws-sdk-android#1813].
    func verifyForUserOperations(_ token: String, now: Double) throws -> VerifiedAccessToken {
        let verified = try verify(token, now: now)
        guard verified.scopes.contains("aws.cognito.signin.user.admin") else { throw AuthErrors.accessTokenMissingScopes }
        return verified
    }
}
