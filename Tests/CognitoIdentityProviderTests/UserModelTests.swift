import Foundation
import AWSJSONProtocol
import SQLiteStore
import Testing
@testable import CognitoIdentityProvider

@Suite struct UserModelTests {
    @Test func attributesComeOutInJavaHashMapOrder() {
        // awscli admin-create-user.rst / admin-get-user.rst outputs.
        let created = User(
            poolId: "p_1", username: "diego", sub: "s", attributes: [UserAttribute("email", "d@e.com"), UserAttribute("phone_number", "+1")],
            status: .forceChangePassword, creationDate: 1)
        #expect(created.orderedAttributes().map(\.name) == ["sub", "phone_number", "email"])
        let fetched = User(
            poolId: "p_1", username: "u", sub: "s",
            attributes: [
                UserAttribute("sub", "s"), UserAttribute("email", "j@e.com"), UserAttribute("phone_number", "+1"),
                UserAttribute("email_verified", "true"), UserAttribute("phone_number_verified", "true"),
            ], status: .confirmed, creationDate: 1)
        #expect(fetched.orderedAttributes().map(\.name) == ["sub", "email_verified", "phone_number_verified", "phone_number", "email"])
    }

    @Test func subIsAlwaysPresentAndImmutable() {
        var user = User(poolId: "p_1", username: "u", sub: "abc", attributes: [], status: .confirmed, creationDate: 1)
        #expect(user.attribute("sub") == "abc")
        user.setAttribute("sub", "other")
        user.removeAttribute("sub")
        #expect(user.attribute("sub") == "abc")
    }

    @Test func passwordsAreKeptAsVerifiersOnly() throws {
        let harness = try UserHarness()
        let pool = try harness.pool(try harness.createPool())
        var user = User(poolId: pool.id, username: "u", sub: "s", attributes: [], status: .unconfirmed, creationDate: 1)
        user.setPassword("Secret-123", temporary: true, now: 5, pool: pool)
        #expect(user.status == .forceChangePassword)
        #expect(user.password?.setAt == 5 && user.password?.verifier.count == 384)
        #expect(user.passwordMatches("Secret-123", pool: pool))
        #expect(!user.passwordMatches("Secret-124", pool: pool))
        user.setPassword("Other-456", temporary: false, now: 6, pool: pool)
        #expect(user.status == .confirmed && user.passwordMatches("Other-456", pool: pool))
        #expect(User.srpPoolName("eu-west-1_AbC123xyz") == "AbC123xyz")
    }

    @Test func storeRoundTripsAndUpdatesBySub() throws {
        let harness = try UserHarness()
        let pool = try harness.pool(try harness.createPool())
        var user = User(
            poolId: pool.id, username: "Bob", sub: "sub-1", attributes: [UserAttribute("name", "B")], status: .unconfirmed,
            creationDate: 10)
        user.setPassword("Secret-123", temporary: false, now: 10, pool: pool)
        try harness.database.write { try UserStore.save(user, pool: pool, in: $0) }
        user.enabled = false
        user.setAttribute("name", "Bobby")
        try harness.database.write { try UserStore.save(user, pool: pool, in: $0) }
        let stored = try harness.database.read { try UserStore.find(pool: pool, username: "Bob", in: $0) }
        #expect(stored == user)
        #expect(try harness.database.read { try UserStore.count(poolId: pool.id, in: $0) } == 1)
        // Default pools are case-sensitive [D: BOTO].
        #expect(try harness.database.read { try UserStore.find(pool: pool, username: "bob", in: $0) } == nil)
    }

    @Test func caseInsensitivePoolsFindAnyCapitalization() throws {
        let harness = try UserHarness()
        let pool = try harness.pool(try harness.createPool(["UsernameConfiguration": ["CaseSensitive": false]]))
        let user = User(poolId: pool.id, username: "Bob", sub: "sub-1", attributes: [], status: .confirmed, creationDate: 1)
        try harness.database.write { try UserStore.save(user, pool: pool, in: $0) }
        #expect(try harness.database.read { try UserStore.find(pool: pool, username: "BOB", in: $0) }?.username == "Bob")
    }

    @Test func signInAliasesCountOnlyWhenTheyShould() throws {
        let harness = try UserHarness()
        let aliasPool = try harness.pool(try harness.createPool(["AliasAttributes": ["email", "preferred_username"]]))
        var user = User(
            poolId: aliasPool.id, username: "u1", sub: "s1",
            attributes: [UserAttribute("email", "a@b.com"), UserAttribute("preferred_username", "ace")], status: .confirmed,
            creationDate: 1)
        try harness.database.write { try UserStore.save(user, pool: aliasPool, in: $0) }
        func lookup(_ pool: UserPool, _ name: String) throws -> String? {
            try harness.database.read { try UserStore.findForSignIn(pool: pool, name: name, in: $0) }?.username
        }
        #expect(try lookup(aliasPool, "a@b.com") == nil)  // unverified email alias does not count
        #expect(try lookup(aliasPool, "ace") == "u1")  // preferred_username needs no verification
        user.setAttribute("email_verified", "true")
        try harness.database.write { try UserStore.save(user, pool: aliasPool, in: $0) }
        #expect(try lookup(aliasPool, "a@b.com") == "u1")

        let emailPool = try harness.pool(try harness.createPool(["UsernameAttributes": ["email"]]))
        let other = User(
            poolId: emailPool.id, username: "s2", sub: "s2", attributes: [UserAttribute("email", "c@d.com")], status: .unconfirmed,
            creationDate: 1)
        try harness.database.write { try UserStore.save(other, pool: emailPool, in: $0) }
        #expect(try lookup(emailPool, "c@d.com") == "s2")  // the email itself, verified or not
        #expect(try lookup(emailPool, "s2") == "s2")
    }

    @Test func masksHideAllButTheEdges() {
        #expect(UserOperations.mask("jane@example.com", channel: .email) == "j***@e***.com")
        #expect(UserOperations.mask("+12065550008", channel: .sms) == "+*******0008")
    }

    @Test func newSubsAreLowerCaseVersion4UUIDs() {
        let sub = UserOperations.newSub()
        #expect(sub.range(of: "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", options: .regularExpression) != nil)
    }

    @Test func filterParsing() throws {
        #expect(try UserFilter(#"email ^= "te\"st""#).value == #"te"st"#)
        #expect(try UserFilter("").attribute == nil)
        for bad in ["foo", #"email = test"#, #"email == "x""#, #"custom:x = "y""#, #"email = "x" extra"#, #"email = "x"#] {
            #expect(throws: CognitoErrors.filterParseError) { try UserFilter(bad) }
        }
    }
}
