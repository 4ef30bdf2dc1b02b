/// One numbered schema change. Migrations run in order, each in its own transaction, and the
/// database's `PRAGMA user_version` records the last one applied, so a file is upgraded exactly once.
public struct Migration: Sendable {
    public let version: Int
    public let sql: String

    public init(version: Int, sql: String) {
        self.version = version
        self.sql = sql
    }
}

extension Connection {
    /// The schema version stored in the file (0 for a new database).
    public func userVersion() throws -> Int {
        Int(try query("PRAGMA user_version").first?.integer(0) ?? 0)
    }

    /// Applies every migration newer than the file's `user_version`.
    /// Throws if the file is newer than this program knows (a downgrade would lose data).
    public func migrate(_ migrations: [Migration]) throws {
        let current = try userVersion()
        let known = migrations.map(\.version).max() ?? 0
        guard current <= known else {
            throw SQLiteError(
                code: 0, message: "database schema version \(current) is newer than this program's \(known)",
                context: "migrate")
        }
        for migration in migrations.sorted(by: { $0.version < $1.version }) where migration.version > current {
            try executeScript("BEGIN IMMEDIATE")
            do {
                try executeScript(migration.sql)
                try executeScript("PRAGMA user_version = \(migration.version)")
                try executeScript("COMMIT")
            } catch {
                try? executeScript("ROLLBACK")
                throw error
            }
        }
    }
}
