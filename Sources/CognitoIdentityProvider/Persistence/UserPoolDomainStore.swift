import AWSJSONProtocol
import SQLiteStore

/// The SQL for user pool domains (migration 11). Rows go away with their pool (`ON DELETE CASCADE`).
enum UserPoolDomainStore {
    /// Every domain row with its pool's region (a prefix domain's scope, and where its hosting names come from).
    private static let select = """
        SELECT d.domain, d.pool_id, d.scope, d.certificate_arn, d.managed_login_version, d.version, d.created_at, p.region
        FROM user_pool_domains d JOIN user_pools p ON p.id = d.pool_id
        """

    /// The domain `name` as a request in `region` sees it: a prefix domain of that region or a custom domain.
    static func find(_ name: String, region: String, in connection: Connection) throws -> UserPoolDomain? {
        try connection.query(
            "\(select) WHERE d.domain = ?1 AND d.scope IN (?2, '') ORDER BY d.scope DESC LIMIT 1",
            [.text(name), .text(region)]
        ).first.map(decode)
    }

    /// The domain `name` whatever its region, as a request on the domain's own Host finds it (a
    /// custom domain first; prefixes are unique per region, so the oldest one wins a clash).
    static func findAnyRegion(_ name: String, in connection: Connection) throws -> UserPoolDomain? {
        try connection.query("\(select) WHERE d.domain = ?1 ORDER BY d.custom DESC, d.created_at LIMIT 1", [.text(name)]).first.map(decode)
    }

    /// The pool's domains (prefix first, then custom), for DescribeUserPool.
    static func domains(ofPool poolId: String, in connection: Connection) throws -> [UserPoolDomain] {
        try connection.query("\(select) WHERE d.pool_id = ?1 ORDER BY d.custom", [.text(poolId)]).map(decode)
    }

    /// True when `name` is taken in `scope` (a region for prefixes, '' for custom domains).
    static func isTaken(_ name: String, scope: String, in connection: Connection) throws -> Bool {
        try !connection.query("SELECT 1 FROM user_pool_domains WHERE domain = ?1 AND scope = ?2", [.text(name), .text(scope)]).isEmpty
    }

    static func insert(_ domain: UserPoolDomain, in connection: Connection) throws {
        try connection.execute(
            """
            INSERT INTO user_pool_domains (domain, pool_id, scope, certificate_arn, managed_login_version, version, created_at, custom)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            """,
            [
                .text(domain.domain), .text(domain.poolId), .text(domain.isCustom ? "" : domain.region),
                domain.certificateArn.map { .text($0) } ?? .null, .integer(Int64(domain.managedLoginVersion)),
                .text(domain.version), .real(domain.creationDate), .integer(domain.isCustom ? 1 : 0),
            ])
    }

    static func update(_ domain: UserPoolDomain, in connection: Connection) throws {
        try connection.execute(
            "UPDATE user_pool_domains SET certificate_arn = ?3, managed_login_version = ?4 WHERE pool_id = ?1 AND domain = ?2",
            [
                .text(domain.poolId), .text(domain.domain), domain.certificateArn.map { .text($0) } ?? .null,
                .integer(Int64(domain.managedLoginVersion)),
            ])
    }

    static func delete(_ domain: UserPoolDomain, in connection: Connection) throws {
        try connection.execute(
            "DELETE FROM user_pool_domains WHERE pool_id = ?1 AND domain = ?2", [.text(domain.poolId), .text(domain.domain)])
    }

    private static func decode(_ row: Row) -> UserPoolDomain {
        UserPoolDomain(
            domain: row.text(0) ?? "",
            poolId: row.text(1) ?? "",
            region: row.text(7) ?? "",
            certificateArn: row.text(3),
            managedLoginVersion: Int(row.integer(4) ?? 1),
            version: row.text(5) ?? "",
            creationDate: row.real(6) ?? 0)
    }
}
