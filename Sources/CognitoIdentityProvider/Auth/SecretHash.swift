import CryptoPrimitives
import FoundationEssentials

/// SECRET_HASH, the proof that a caller knows an app client's secret:
/// `Base64(HMAC-SHA256(key: client secret, message: username + client id))`
/// [D: DG "Computing secret hash values", signing-up-users-in-your-app.html].
enum SecretHash {
    /// The SECRET_HASH a caller must send for `username` to the client `clientId` with secret `clientSecret`.
    static func expectedHash(username: String, clientId: String, clientSecret: String) -> String {
        let mac = Digest.hmacSHA256(key: Array(clientSecret.utf8), message: Array((username + clientId).utf8))
        return Data(mac).base64EncodedString()
    }

    /// Accepts the request's SECRET_HASH for `username`, or throws AWS's `NotAuthorizedException`
    /// (refresh flows word the mismatch differently). A client without a secret ignores whatever was sent.
    static func check(provided: String?, username: String, client: AppClient, refreshing: Bool = false) throws {
        guard let secret = client.clientSecret else { return }
        guard let provided else { throw CognitoErrors.secretHashMissing(client.clientId) }
        let expected = expectedHash(username: username, clientId: client.clientId, clientSecret: secret)
        guard Digest.constantTimeEquals(Array(provided.utf8), Array(expected.utf8)) else {
            throw refreshing
                ? CognitoErrors.refreshSecretHashMismatch(client.clientId) : CognitoErrors.secretHashMismatch(client.clientId)
        }
    }
}
