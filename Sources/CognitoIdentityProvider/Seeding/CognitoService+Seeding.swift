import AWSJSONProtocol
import CryptoPrimitives
import SQLiteStore

/// What `CognitoService.loadSeeds` did.
public struct SeedSummary: Sendable, Equatable, CustomStringConvertible {
    public let poolsCreated: Int, clientsCreated: Int, usersCreated: Int
    /// Entries that already existed and were left as they were.
    public let skipped: Int

    public var description: String {
        "\(poolsCreated) pools, \(clientsCreated) clients, \(usersCreated) users created; \(skipped) already there"
    }
}

/// A user's TOTP code, for `GET /_mock/totp`: the code of `timeStep` (RFC 6238's T, the service
/// clock's seconds / 30) and the whole seconds until that step ends.
public enum TotpLookup: Sendable, Equatable {
    case code(String, expiresIn: Int, timeStep: Int64)
    case poolNotFound
    case userNotFound
    case noVerifiedToken
}

extension CognitoService {
    /// Loads `files` in one transaction (all of them or nothing) and remembers them for `reset`.
    /// Existing pools, clients and users are left untouched, so loading twice changes nothing.
    @discardableResult
    public func loadSeeds(_ files: [SeedFile]) throws(SeedError) -> SeedSummary {
        let summary = try applySeeds(files, deleting: nil, everything: false)
        seedFiles.withLock { $0 = files }
        return summary
    }

    /// `POST /_mock/reset`: deletes every pool (with its clients, users, codes, messages, sessions,
    /// tokens and keys), or only the pool `userPoolId`, then loads the start-up seed files again (only
    /// that pool's entry for a one-pool reset). The clock is not moved back. Returns false when the
    /// pool is neither stored nor in a seed file.
    public func reset(userPoolId: String?) throws -> Bool {
        let files = seedFiles.withLock { $0 }
        if let userPoolId {
            let seeded = files.contains { $0.pools.contains { $0.id == userPoolId } }
            let stored = try environment.database.read { try UserPoolStore.find(userPoolId, in: $0) } != nil
            guard seeded || stored else { return false }
        }
        try applySeeds(files, deleting: userPoolId, everything: userPoolId == nil)
        return true
    }

    @discardableResult
    private func applySeeds(_ files: [SeedFile], deleting poolId: String?, everything: Bool) throws(SeedError) -> SeedSummary {
        let environment = self.environment
        do {
            let summary = try environment.database.write(
                { connection -> SeedLoader.Summary in
                    if everything {
                        try connection.execute("DELETE FROM user_pools")
                    } else if let poolId {
                        try connection.execute("DELETE FROM user_pools WHERE id = ?1", [.text(poolId)])
                    }
                    return try SeedLoader(environment: environment, connection: connection).load(files, onlyPool: poolId)
                },
                afterCommit: { _ in
                    // Pools, clients and keys were changed in SQL, past the caches.
                    environment.pools.forget(poolId)
                    environment.clients.forgetAll()
                    if let poolId { environment.tokens.keys.forget(poolId) } else { environment.tokens.keys.forgetAll() }
                })
            return SeedSummary(
                poolsCreated: summary.poolsCreated, clientsCreated: summary.clientsCreated,
                usersCreated: summary.usersCreated, skipped: summary.skipped)
        } catch let error as SeedError {
            throw error
        } catch {
            throw SeedError.wrapping(error, file: files.first?.path ?? "-", path: "$")
        }
    }

    /// The stored state as a seed document (see `SeedExport`).
    public func exportSeed(includePasswordVerifiers: Bool) throws -> JSONValue {
        try environment.database.read { try SeedExport.document(in: $0, includeVerifiers: includePasswordVerifiers) }
    }

    /// The code the user's verified authenticator shows now (RFC 6238, 30-second steps, six digits),
    /// by the service clock, and the whole seconds until it changes.
    /// RFC 6238's time step T at `now` (for `GET /_mock/clock`).
    public static func totpTimeStep(at now: Double) -> Int64 { TOTP.timeStep(at: now) }

    /// `stepOffset` 1 gives the next step's code: sign-in accepts the next step too (spec 4.2), so a
    /// test can sign in a second time within one step without waiting, while a step accepted once
    /// stays refused (the one-use rule is unchanged).
    public func currentTotp(userPoolId: String, username: String, stepOffset: Int64 = 0) throws -> TotpLookup {
        guard let pool = try? environment.pools.require(userPoolId) else { return .poolNotFound }
        return try environment.database.read { connection in
            guard let user = try UserOperations.findUser(pool: pool, name: username, in: connection) else { return .userNotFound }
            guard let token = try UserMfaStore.load(poolId: pool.id, sub: user.sub, in: connection).softwareToken else {
                return .noVerifiedToken
            }
            let now = clock.now()
            let step = TOTP.timeStep(at: now) + stepOffset
            let ends = Double(step + 1) * TOTP.stepSeconds
            return .code(TOTP.code(secret: token.secret, atTimeStep: step),
                         expiresIn: max(1, Int((ends - now).rounded(.up))), timeStep: step)
        }
    }
}
