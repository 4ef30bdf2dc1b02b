import AWSJSONProtocol
import SQLiteStore
import Glibc
import Testing
@testable import CognitoIdentityProvider

/// ListUsers reads only what its page needs (migration 14): every filter AWS allows walks an index,
/// and exact filters need no sort, so a page costs the same in a pool of any size. These tests read
/// SQLite's query plan instead of timing anything.
@Suite struct UserListIndexTests {
    private func plan(_ filter: String) throws -> [String] {
        let database = try Database(path: ":memory:", migrations: Schema.migrations)
        guard let (sql, narrowing) = UserStore.pageQuery(try UserFilter(filter)) else { return ["no query"] }
        let rows = try database.read {
            try $0.query("EXPLAIN QUERY PLAN " + sql, [.text("pool"), .integer(0), .integer(60)] + narrowing)
        }
        return rows.map { $0.text(3) ?? "" }
    }

    @Test(arguments: UserFilter.searchable.sorted())
    func exactFiltersReadOnlyMatchingRowsInOrder(attribute: String) throws {
        let value = attribute == "status" ? "Enabled" : attribute == "cognito:user_status" ? "confirmed" : "x"
        let steps = try plan(#"\#(attribute) = "\#(value)""#)
        #expect(steps.allSatisfy { !$0.hasPrefix("SCAN") && !$0.contains("TEMP B-TREE") }, "\(steps)")
        #expect(steps.contains { $0.contains("USING INDEX") || $0.contains("USING COVERING INDEX") }, "\(steps)")
    }

    @Test(arguments: UserFilter.searchable.sorted())
    func prefixFiltersReadOnlyTheMatchingRange(attribute: String) throws {
        let steps = try plan(#"\#(attribute) ^= "x""#)
        #expect(steps.allSatisfy { !$0.hasPrefix("SCAN") } || steps == ["no query"], "\(steps)")
    }

    @Test func anUnfilteredPageWalksThePoolIndex() throws {
        let steps = try plan("")
        #expect(steps.allSatisfy { !$0.hasPrefix("SCAN") && !$0.contains("TEMP B-TREE") }, "\(steps)")
    }

    @Test func theFilterColumnsFollowAttributeChanges() throws {
        let harness = try UserHarness()
        let pool = try harness.createPool()
        try harness.ok("AdminCreateUser", [
            "UserPoolId": .string(pool), "Username": "ann", "MessageAction": "SUPPRESS",
            "UserAttributes": attributeList(["email": "ann@example.com", "family_name": "Smith"]),
        ])
        func names(_ filter: String) throws -> [String] {
            try harness.ok("ListUsers", ["UserPoolId": .string(pool), "Filter": .string(filter)])["Users"]?.arrayValue?
                .compactMap { $0["Username"]?.stringValue } ?? []
        }
        #expect(try names(#"family_name = "Smith""#) == ["ann"])
        try harness.ok("AdminUpdateUserAttributes", [
            "UserPoolId": .string(pool), "Username": "ann", "UserAttributes": attributeList(["family_name": "Jones", "name": "Ann J"]),
        ])
        #expect(try names(#"family_name = "Smith""#) == [])
        #expect(try names(#"family_name = "Jones""#) == ["ann"])
        #expect(try names(#"name ^= "Ann""#) == ["ann"])
        try harness.ok("AdminDeleteUserAttributes", ["UserPoolId": .string(pool), "Username": "ann", "UserAttributeNames": ["name"]])
        #expect(try names(#"name ^= "Ann""#) == [])
        #expect(try names(#"cognito:user_status ^= "force""#) == ["ann"])
        #expect(try names(#"status ^= "En""#) == ["ann"])
    }

    /// A database written before migration 14 gets its filter columns filled from the stored attributes.
    @Test func migrationFourteenFillsTheColumnsOfExistingUsers() throws {
        let path = "/tmp/mock-cognito-migration14-\(UInt64.random(in: 0...UInt64.max)).sqlite3"
        defer { for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) } }
        let old = try Database(path: path, migrations: Schema.migrations.filter { $0.version < 14 })
        try old.write { connection in
            try connection.execute(
                "INSERT INTO user_pools (id, name, region, arn, created_at, updated_at, mfa_configuration, mfa_factors, settings) "
                    + "VALUES ('p', 'p', 'us-east-1', 'arn', 0, 0, 'OFF', '{}', '{}')")
            try connection.execute(
                "INSERT INTO users (pool_id, username, username_key, sub, status, enabled, created_at, updated_at, attributes) "
                    + #"VALUES ('p', 'bob', 'bob', 's1', 'CONFIRMED', 1, 0, 0, '[["sub","s1"],["email","b@example.com"],["given_name","Bob"]]')"#)
        }
        old.close()
        let upgraded = try Database(path: path, migrations: Schema.migrations)
        defer { upgraded.close() }
        let row = try upgraded.read {
            try $0.query("SELECT filter_email, filter_given_name, filter_name FROM users WHERE sub = 's1'").first
        }
        #expect(row?.text(0) == "b@example.com")
        #expect(row?.text(1) == "Bob")
        #expect(row?.text(2) == nil)
    }
}
