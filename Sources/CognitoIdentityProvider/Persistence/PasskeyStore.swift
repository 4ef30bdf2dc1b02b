import AWSJSONProtocol
import SQLiteStore

/// A registered passkey as stored.
struct StoredPasskey: Sendable, Equatable {
    let poolId: String
    /// base64url, as WebAuthn's JSON carries it.
    let credentialId: String
    let sub: String
    let publicKey: [UInt8]
    var signCount: UInt32
    let relyingPartyId: String
    let friendlyName: String?
    let attachment: String?
    let transports: [String]
    let createdAt: Double

    /// `WebAuthnCredentialDescription` (ListWebAuthnCredentials).
    var description: JSONValue {
        var object: [String: JSONValue] = [
            "CredentialId": .string(credentialId), "RelyingPartyId": .string(relyingPartyId),
            "AuthenticatorTransports": .array(transports.map { .string($0) }), "CreatedAt": .double(createdAt),
        ]
        if let friendlyName { object["FriendlyCredentialName"] = .string(friendlyName) }
        if let attachment { object["AuthenticatorAttachment"] = .string(attachment) }
        return .object(object)
    }
}

/// SQL for passkeys; every call runs in the caller's transaction.
enum PasskeyStore {
    private static let columns =
        "pool_id, credential_id, sub, public_key, sign_count, relying_party_id, friendly_name, attachment, transports, created_at"

    static func insert(_ passkey: StoredPasskey, in connection: Connection) throws {
        try connection.execute(
            "INSERT INTO passkeys (\(columns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            [
                .text(passkey.poolId), .text(passkey.credentialId), .text(passkey.sub), .blob(passkey.publicKey),
                .integer(Int64(passkey.signCount)), .text(passkey.relyingPartyId),
                passkey.friendlyName.map(SQLValue.text) ?? .null, passkey.attachment.map(SQLValue.text) ?? .null,
                .text(JSONText.string(.array(passkey.transports.map { .string($0) }))), .real(passkey.createdAt),
            ])
    }

    static func find(poolId: String, credentialId: String, in connection: Connection) throws -> StoredPasskey? {
        try connection.query("SELECT \(columns) FROM passkeys WHERE pool_id = ?1 AND credential_id = ?2", [.text(poolId), .text(credentialId)])
            .first.map(decode)
    }

    /// The user's passkeys, oldest first.
    static func list(poolId: String, sub: String, in connection: Connection) throws -> [StoredPasskey] {
        try connection.query(
            "SELECT \(columns) FROM passkeys WHERE pool_id = ?1 AND sub = ?2 ORDER BY created_at, rowid", [.text(poolId), .text(sub)]
        ).map(decode)
    }

    static func count(poolId: String, sub: String, in connection: Connection) throws -> Int {
        Int(try connection.query("SELECT count(*) FROM passkeys WHERE pool_id = ?1 AND sub = ?2", [.text(poolId), .text(sub)])
            .first?.integer(0) ?? 0)
    }

    static func updateSignCount(poolId: String, credentialId: String, to count: UInt32, in connection: Connection) throws {
        try connection.execute(
            "UPDATE passkeys SET sign_count = ?3 WHERE pool_id = ?1 AND credential_id = ?2",
            [.text(poolId), .text(credentialId), .integer(Int64(count))])
    }

    static func delete(poolId: String, sub: String, credentialId: String, in connection: Connection) throws -> Bool {
        try connection.execute(
            "DELETE FROM passkeys WHERE pool_id = ?1 AND sub = ?2 AND credential_id = ?3",
            [.text(poolId), .text(sub), .text(credentialId)]) > 0
    }

    private static func decode(_ row: Row) -> StoredPasskey {
        var key: [UInt8] = []
        if case .blob(let bytes) = row[3] { key = bytes }
        let transports = JSONText.value(row.text(8)).arrayValue?.compactMap(\.stringValue) ?? []
        return StoredPasskey(
            poolId: row.text(0) ?? "", credentialId: row.text(1) ?? "", sub: row.text(2) ?? "", publicKey: key,
            signCount: UInt32(clamping: row.integer(4) ?? 0), relyingPartyId: row.text(5) ?? "", friendlyName: row.text(6),
            attachment: row.text(7), transports: transports, createdAt: row.real(9) ?? 0)
    }
}
