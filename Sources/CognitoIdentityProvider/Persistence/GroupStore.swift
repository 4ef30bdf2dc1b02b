import AWSJSONProtocol
import SQLiteStore

/// The SQL for groups and their members; every method runs in its caller's transaction.
enum GroupStore {
    private static let columns = "pool_id, name, description, role_arn, precedence, created_at, updated_at, seq"

    static func find(poolId: String, name: String, in connection: Connection) throws -> UserGroup? {
        try connection.query(
            "SELECT \(columns) FROM user_groups WHERE pool_id = ?1 AND name = ?2", [.text(poolId), .text(name)]
        ).first.map(decode)
    }

    static func insert(_ group: UserGroup, in connection: Connection) throws {
        try connection.execute(
            """
            INSERT INTO user_groups (pool_id, name, description, role_arn, precedence, created_at, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            """, values(group))
    }

    static func update(_ group: UserGroup, in connection: Connection) throws {
        try connection.execute(
            """
            UPDATE user_groups SET description = ?3, role_arn = ?4, precedence = ?5, updated_at = ?7
            WHERE pool_id = ?1 AND name = ?2
            """, values(group))
    }

    /// Deletes the group and every membership in it.
    static func delete(_ group: UserGroup, in connection: Connection) throws {
        let key: [SQLValue] = [.text(group.poolId), .text(group.name)]
        try connection.execute("DELETE FROM group_members WHERE pool_id = ?1 AND group_name = ?2", key)
        try connection.execute("DELETE FROM user_groups WHERE pool_id = ?1 AND name = ?2", key)
    }

    /// Up to `limit` groups created after sequence number `after`, and where to continue.
    static func page(poolId: String, after: Int64, limit: Int, in connection: Connection) throws -> (groups: [UserGroup], next: Int64?) {
        let rows = try connection.query(
            "SELECT \(columns) FROM user_groups WHERE pool_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
            [.text(poolId), .integer(after), .integer(Int64(limit + 1))])
        return (rows.prefix(limit).map(decode), rows.count > limit ? rows[limit - 1].integer(7) : nil)
    }

    // MARK: - Members

    /// Adds the user to the group; adding a member again changes nothing.
    static func addMember(poolId: String, group: String, sub: String, in connection: Connection) throws {
        try connection.execute(
            "INSERT OR IGNORE INTO group_members (pool_id, group_name, sub) VALUES (?1, ?2, ?3)",
            [.text(poolId), .text(group), .text(sub)])
    }

    static func removeMember(poolId: String, group: String, sub: String, in connection: Connection) throws {
        try connection.execute(
            "DELETE FROM group_members WHERE pool_id = ?1 AND group_name = ?2 AND sub = ?3",
            [.text(poolId), .text(group), .text(sub)])
    }

    /// The user's groups, in the order the token claims list them: by `Precedence` (groups without
    /// one last), then by name [I: AWS documents no order; AWS's own sample authorizer reads
    /// `cognito:groups[0]` as the highest-precedence group, amazon-archives/aws-serverless-auth-reference-app#7].
    static func groups(ofUser sub: String, poolId: String, in connection: Connection) throws -> [UserGroup] {
        try connection.query(
            """
            SELECT g.pool_id, g.name, g.description, g.role_arn, g.precedence, g.created_at, g.updated_at, g.seq
            FROM group_members m JOIN user_groups g ON g.pool_id = m.pool_id AND g.name = m.group_name
            WHERE m.pool_id = ?1 AND m.sub = ?2
            ORDER BY g.precedence IS NULL, g.precedence, g.name
            """, [.text(poolId), .text(sub)]
        ).map(decode)
    }

    /// Up to `limit` members of the group who joined after membership number `after`, and where to continue.
    static func members(
        poolId: String, group: String, after: Int64, limit: Int, in connection: Connection
    ) throws -> (subs: [String], next: Int64?) {
        let rows = try connection.query(
            """
            SELECT sub, seq FROM group_members WHERE pool_id = ?1 AND group_name = ?2 AND seq > ?3
            ORDER BY seq LIMIT ?4
            """, [.text(poolId), .text(group), .integer(after), .integer(Int64(limit + 1))])
        return (rows.prefix(limit).compactMap { $0.text(0) }, rows.count > limit ? rows[limit - 1].integer(1) : nil)
    }

    private static func values(_ group: UserGroup) -> [SQLValue] {
        [
            .text(group.poolId), .text(group.name), group.description.map(SQLValue.text) ?? .null,
            group.roleArn.map(SQLValue.text) ?? .null, group.precedence.map(SQLValue.integer) ?? .null,
            .real(group.creationDate), .real(group.lastModifiedDate),
        ]
    }

    private static func decode(_ row: Row) -> UserGroup {
        UserGroup(
            poolId: row.text(0) ?? "", name: row.text(1) ?? "", description: row.text(2), roleArn: row.text(3),
            precedence: row.integer(4), creationDate: row.real(5) ?? 0, lastModifiedDate: row.real(6) ?? 0)
    }
}
