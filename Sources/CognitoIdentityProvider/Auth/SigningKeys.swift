import AWSJSONProtocol
import CryptoPrimitives
import FoundationEssentials
import SQLiteStore

/// A pool's token signing key with its JWK id.
struct PoolSigningKey: Sendable {
    let kid: String
    let privateKey: RSAPrivateKey

    /// The public half as a JWK, as `/.well-known/jwks.json` lists it.
    var jwk: JSONValue {
        let publicKey = privateKey.publicKey
        return [
            "alg": "RS256", "e": .string(Base64URL.encode(publicKey.exponent)), "kid": .string(kid), "kty": "RSA",
            "n": .string(Base64URL.encode(publicKey.modulus)), "use": "sig",
        ]
    }
}

/// One RSA key per pool, kept in SQLite so tokens stay verifiable across restarts.
///
/// A pool gets its key when it first needs one (its first token or JWKS request), not inside
/// CreateUserPool: RSA generation takes tens of milliseconds, and most pools in a test suite never
/// issue a token. Keys are made by the one `KeyMaker` thread, one at a time: a request that needs
/// a key the pool does not have yet waits for that pool's key, and no request makes one itself.
final class SigningKeys: Sendable {
    private let database: Database
    private let loaded = ReadWriteLocked([String: PoolSigningKey]())
    /// Keys queued or being made, with the requests waiting for them.
    private let pending = ReadWriteLocked([String: PendingKey]())

    init(database: Database) {
        self.database = database
    }

    /// The pool's key, made (on the key thread) and stored on first use. The caller has checked
    /// that the pool exists.
    func key(for poolId: String, now: Double) throws -> PoolSigningKey {
        if let key = try storedKey(for: poolId) { return key }
        let (waiter, isFirst) = pending.write { queued -> (PendingKey, Bool) in
            if let waiter = queued[poolId] { return (waiter, false) }
            let waiter = PendingKey()
            queued[poolId] = waiter
            return (waiter, true)
        }
        if isFirst {
            KeyMaker.shared.submit { [self] in
                let outcome = Result { try self.makeAndStore(poolId, now: now) }
                self.pending.write { $0[poolId] = nil }
                waiter.resolve(outcome)
            }
        }
        return try waiter.wait()
    }

    /// Runs on the key thread. A key stored meanwhile (by an earlier job, or a racing request that
    /// found no pending entry just after one finished) is used instead of making another.
    private func makeAndStore(_ poolId: String, now: Double) throws -> PoolSigningKey {
        if let key = try storedKey(for: poolId) { return key }
        let fresh = try RSAPrivateKey.generate(bits: 2048)
        let key = PoolSigningKey(kid: Self.keyId(for: fresh), privateKey: fresh)
        // Two first uses may race: the first insert wins and both answer with the stored key.
        let winner = try database.write { connection -> PoolSigningKey in
            try connection.execute(
                "INSERT OR IGNORE INTO signing_keys (pool_id, kid, private_key_pem, created_at) VALUES (?1, ?2, ?3, ?4)",
                [.text(poolId), .text(key.kid), .text(fresh.pemRepresentation), .real(now)])
            let row = try connection.query("SELECT kid, private_key_pem FROM signing_keys WHERE pool_id = ?1", [.text(poolId)]).first
            guard let kid = row?.text(0), kid != key.kid, let pem = row?.text(1) else { return key }
            return PoolSigningKey(kid: kid, privateKey: try RSAPrivateKey(pem: pem))
        }
        return remember(winner, for: poolId)
    }

    /// The pool's key if it has one already (token verification never creates keys).
    func storedKey(for poolId: String) throws -> PoolSigningKey? {
        if let key = loaded.read({ $0[poolId] }) { return key }
        let stored = try database.read { connection in
            try connection.query("SELECT kid, private_key_pem FROM signing_keys WHERE pool_id = ?1", [.text(poolId)]).first
        }
        guard let stored, let kid = stored.text(0), let pem = stored.text(1) else { return nil }
        return remember(PoolSigningKey(kid: kid, privateKey: try RSAPrivateKey(pem: pem)), for: poolId)
    }

    /// Drops a deleted pool's key from memory (its row goes with the pool).
    func forget(_ poolId: String) {
        loaded.write { $0[poolId] = nil }
    }

    /// Drops every loaded key (after `/_mock/reset` deleted them all).
    func forgetAll() {
        loaded.write { $0.removeAll() }
    }

    private func remember(_ key: PoolSigningKey, for poolId: String) -> PoolSigningKey {
        loaded.write { $0[poolId] = key }
        return key
    }

    /// `kid`: base64 of the SHA-256 of the public modulus, the shape of Cognito's key ids.
    static func keyId(for key: RSAPrivateKey) -> String {
        Data(Digest.sha256(key.publicKey.modulus)).base64EncodedString()
    }
}
