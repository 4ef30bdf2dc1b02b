import SQLiteStore

/// SQL for users' MFA state (migration 5), keyed by pool and `sub` (immutable, unlike usernames'
/// lookup forms); a trigger removes it with its user, the foreign key with its pool.
enum UserMfaStore {
    /// The user's MFA state; a user who never touched MFA has the empty state.
    static func load(poolId: String, sub: String, in connection: Connection) throws -> UserMfa {
        let row = try connection.query("SELECT state FROM user_mfa WHERE pool_id = ?1 AND sub = ?2", [.text(poolId), .text(sub)]).first
        return row.map { UserMfa(stored: JSONText.value($0.text(0))) } ?? UserMfa()
    }

    static func save(_ mfa: UserMfa, poolId: String, sub: String, in connection: Connection) throws {
        try connection.execute(
            """
            INSERT INTO user_mfa (pool_id, sub, state) VALUES (?1, ?2, ?3)
            ON CONFLICT (pool_id, sub) DO UPDATE SET state = excluded.state
            """,
            [.text(poolId), .text(sub), .text(JSONText.string(mfa.storedJSON))])
    }
}
