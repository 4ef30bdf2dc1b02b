import Foundation
import Testing
@testable import SQLiteStore

@Suite struct DatabaseTests {
    let migrations = [
        Migration(version: 1, sql: "CREATE TABLE items (id TEXT PRIMARY KEY, size INTEGER NOT NULL);"),
        Migration(version: 2, sql: "ALTER TABLE items ADD COLUMN note TEXT;"),
    ]

    private func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("sqlitestore-\(UUID().uuidString).sqlite3").path
    }

    @Test func migrationsRunInOrderOnMemory() throws {
        let database = try Database(path: ":memory:", migrations: migrations)
        let version = try database.read { try $0.userVersion() }
        #expect(version == 2)
        try database.write { try $0.execute("INSERT INTO items (id, size, note) VALUES (?1, ?2, ?3)", [.text("a"), .integer(3), .text("x")]) }
        let rows = try database.read { try $0.query("SELECT id, size, note FROM items") }
        #expect(rows.count == 1)
        #expect(rows[0].text(0) == "a" && rows[0].integer(1) == 3 && rows[0].text(2) == "x")
    }

    @Test func migrationsApplyOnlyOnceAcrossReopen() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let first = try Database(path: path, migrations: Array(migrations.prefix(1)))
            try first.write { try $0.execute("INSERT INTO items (id, size) VALUES ('kept', 1)") }
            first.close()
        }
        let second = try Database(path: path, migrations: migrations)
        let rows = try second.read { try $0.query("SELECT id, note FROM items") }
        #expect(rows.map { $0.text(0) } == ["kept"])
        #expect(try second.read { try $0.userVersion() } == 2)
    }

    @Test func aNewerSchemaIsRefused() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Database(path: path, migrations: migrations).close()
        #expect(throws: SQLiteError.self) { try Database(path: path, migrations: Array(migrations.prefix(1))) }
    }

    @Test func aSecondOpenOfTheSameFileIsRefused() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = try Database(path: path, migrations: migrations)
        let error = #expect(throws: SQLiteError.self) { try Database(path: path, migrations: migrations) }
        #expect(error?.message.contains("in use by another mock-cognito process") == true)
        first.close()
        _ = try Database(path: path, migrations: migrations)
    }

    @Test func aFailedWriteRollsBack() throws {
        let database = try Database(path: ":memory:", migrations: migrations)
        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try database.write { connection in
                try connection.execute("INSERT INTO items (id, size) VALUES ('gone', 1)")
                throw Abort()
            }
        }
        #expect(try database.read { try $0.query("SELECT count(*) FROM items") }.first?.integer(0) == 0)
    }

    @Test func readersSeeCommittedWritesFromManyThreads() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let database = try Database(path: path, migrations: migrations)
        DispatchQueue.concurrentPerform(iterations: 64) { index in
            _ = try? database.write { try $0.execute("INSERT INTO items (id, size) VALUES (?1, ?2)", [.text("i\(index)"), .integer(Int64(index))]) }
            _ = try? database.read { try $0.query("SELECT count(*) FROM items") }
        }
        #expect(try database.read { try $0.query("SELECT count(*), sum(size) FROM items") }.first?.values == [.integer(64), .integer(2016)])
    }

    @Test(arguments: [":memory:", "file"])
    func aReadInsideAWriteSeesTheWritesOwnChanges(kind: String) throws {
        let path = kind == "file" ? temporaryPath() : ":memory:"
        defer { if kind == "file" { try? FileManager.default.removeItem(atPath: path) } }
        let database = try Database(path: path, migrations: migrations)
        let seen = try database.write { connection -> Int64? in
            try connection.execute("INSERT INTO items (id, size) VALUES ('inner', 5)")
            return try database.read { try $0.query("SELECT size FROM items WHERE id = 'inner'") }.first?.integer(0)
        }
        #expect(seen == 5)
    }
}
