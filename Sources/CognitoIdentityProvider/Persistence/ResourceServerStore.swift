import AWSJSONProtocol
import SQLiteStore

/// A resource server as stored: its identifier, name and scopes (`ResourceServerScopeType` objects).
struct ResourceServer: Sendable, Equatable {
    let poolId: String
    let identifier: String
    let name: String
    let scopes: [JSONValue]

    /// `ResourceServerType`: `Scopes` is always present, empty when none were sent [I].
    var describe: JSONValue {
        ["UserPoolId": .string(poolId), "Identifier": .string(identifier), "Name": .string(name), "Scopes": .array(scopes)]
    }

    /// The scopes as app clients name them: `<identifier>/<scope name>` [D: DG "Scopes and resource servers"].
    var scopeIdentifiers: [String] {
        scopes.compactMap { $0["ScopeName"]?.stringValue }.map { "\(identifier)/\($0)" }
    }
}

/// The SQL for resource servers (migration 12). Rows go away with their pool (`ON DELETE CASCADE`).
enum ResourceServerStore {
    static func find(_ identifier: String, poolId: String, in connection: Connection) throws -> ResourceServer? {
        try connection.query(
            "SELECT pool_id, identifier, name, scopes FROM resource_servers WHERE pool_id = ?1 AND identifier = ?2",
            [.text(poolId), .text(identifier)]
        ).first.map(decode)
    }

    static func all(poolId: String, in connection: Connection) throws -> [ResourceServer] {
        try connection.query(
            "SELECT pool_id, identifier, name, scopes FROM resource_servers WHERE pool_id = ?1 ORDER BY seq", [.text(poolId)]
        ).map(decode)
    }

    static func insert(_ server: ResourceServer, in connection: Connection) throws {
        try connection.execute(
            "INSERT INTO resource_servers (pool_id, identifier, name, scopes) VALUES (?1, ?2, ?3, ?4)",
            [.text(server.poolId), .text(server.identifier), .text(server.name), .text(JSONText.string(.array(server.scopes)))])
    }

    static func update(_ server: ResourceServer, in connection: Connection) throws {
        try connection.execute(
            "UPDATE resource_servers SET name = ?3, scopes = ?4 WHERE pool_id = ?1 AND identifier = ?2",
            [.text(server.poolId), .text(server.identifier), .text(server.name), .text(JSONText.string(.array(server.scopes)))])
    }

    static func delete(_ identifier: String, poolId: String, in connection: Connection) throws {
        try connection.execute(
            "DELETE FROM resource_servers WHERE pool_id = ?1 AND identifier = ?2", [.text(poolId), .text(identifier)])
    }

    /// Up to `limit` servers created after sequence number `after`, and where to continue when more remain.
    static func page(
        poolId: String, after: Int64, limit: Int, in connection: Connection
    ) throws -> (servers: [ResourceServer], next: Int64?) {
        let rows = try connection.query(
            "SELECT pool_id, identifier, name, scopes, seq FROM resource_servers WHERE pool_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
            [.text(poolId), .integer(after), .integer(Int64(limit + 1))])
        let next = rows.count > limit ? rows[limit - 1].integer(4) : nil
        return (rows.prefix(limit).map(decode), next)
    }

    private static func decode(_ row: Row) -> ResourceServer {
        ResourceServer(
            poolId: row.text(0) ?? "", identifier: row.text(1) ?? "", name: row.text(2) ?? "",
            scopes: JSONText.value(row.text(3)).arrayValue ?? [])
    }
}
