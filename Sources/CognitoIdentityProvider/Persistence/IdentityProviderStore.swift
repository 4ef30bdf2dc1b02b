import AWSJSONProtocol
import SQLiteStore

/// The SQL for identity providers (migration 13). Rows go away with their pool (`ON DELETE CASCADE`).
enum IdentityProviderStore {
    private static let columns = "pool_id, name, type, details, attribute_mapping, idp_identifiers, created_at, updated_at"

    static func find(_ name: String, poolId: String, in connection: Connection) throws -> IdentityProvider? {
        try connection.query(
            "SELECT \(columns) FROM identity_providers WHERE pool_id = ?1 AND name = ?2", [.text(poolId), .text(name)]
        ).first.map(decode)
    }

    static func all(poolId: String, in connection: Connection) throws -> [IdentityProvider] {
        try connection.query("SELECT \(columns) FROM identity_providers WHERE pool_id = ?1 ORDER BY seq", [.text(poolId)]).map(decode)
    }

    static func names(poolId: String, in connection: Connection) throws -> [String] {
        try connection.query("SELECT name FROM identity_providers WHERE pool_id = ?1", [.text(poolId)]).compactMap { $0.text(0) }
    }

    static func insert(_ provider: IdentityProvider, in connection: Connection) throws {
        try connection.execute(
            "INSERT INTO identity_providers (\(columns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", values(provider))
    }

    static func update(_ provider: IdentityProvider, in connection: Connection) throws {
        try connection.execute(
            """
            UPDATE identity_providers SET details = ?4, attribute_mapping = ?5, idp_identifiers = ?6, updated_at = ?8
            WHERE pool_id = ?1 AND name = ?2 AND type = ?3 AND created_at = ?7
            """, values(provider))
    }

    static func delete(_ name: String, poolId: String, in connection: Connection) throws {
        try connection.execute("DELETE FROM identity_providers WHERE pool_id = ?1 AND name = ?2", [.text(poolId), .text(name)])
    }

    /// Up to `limit` providers created after sequence number `after`, and where to continue when more remain.
    static func page(
        poolId: String, after: Int64, limit: Int, in connection: Connection
    ) throws -> (providers: [IdentityProvider], next: Int64?) {
        let rows = try connection.query(
            "SELECT \(columns), seq FROM identity_providers WHERE pool_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
            [.text(poolId), .integer(after), .integer(Int64(limit + 1))])
        let next = rows.count > limit ? rows[limit - 1].integer(8) : nil
        return (rows.prefix(limit).map(decode), next)
    }

    private static func values(_ provider: IdentityProvider) -> [SQLValue] {
        [
            .text(provider.poolId), .text(provider.name), .text(provider.type),
            .text(JSONText.string(.object(provider.details))), .text(JSONText.string(.object(provider.attributeMapping))),
            .text(JSONText.string(.array(provider.idpIdentifiers.map(JSONValue.string)))),
            .real(provider.creationDate), .real(provider.lastModifiedDate),
        ]
    }

    private static func decode(_ row: Row) -> IdentityProvider {
        IdentityProvider(
            poolId: row.text(0) ?? "", name: row.text(1) ?? "", type: row.text(2) ?? "",
            details: JSONText.value(row.text(3)).objectValue ?? [:],
            attributeMapping: JSONText.value(row.text(4)).objectValue ?? [:],
            idpIdentifiers: JSONText.value(row.text(5)).arrayValue?.compactMap(\.stringValue) ?? [],
            creationDate: row.real(6) ?? 0, lastModifiedDate: row.real(7) ?? 0)
    }
}
