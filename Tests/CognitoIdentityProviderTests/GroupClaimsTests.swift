import AWSJSONProtocol
import Testing
@testable import CognitoIdentityProvider

/// The group claims of tokens: the developer guide's precedence rules, one test each.
@Suite struct GroupClaimsTests {
    func group(_ name: String, role: String? = nil, precedence: Int64? = nil) -> UserGroup {
        UserGroup(poolId: "p", name: name, roleArn: role, precedence: precedence, creationDate: 0, lastModifiedDate: 0)
    }

    @Test func noGroupsAddsNoClaims() {
        var id: [String: JSONValue] = [:]
        var access: [String: JSONValue] = [:]
        GroupClaims([]).add(idToken: &id, accessToken: &access)
        #expect(id.isEmpty && access.isEmpty)
    }

    @Test func lowestPrecedenceAmongGroupsWithARoleWins() {
        let claims = GroupClaims([group("a", precedence: 0), group("b", role: "r1", precedence: 2), group("c", role: "r2", precedence: 9)])
        #expect(claims.preferredRole == "r1")
        #expect(claims.roles == ["r1", "r2"])
        #expect(claims.groups == ["a", "b", "c"])
    }

    @Test func aPrecedenceBeatsNone() {
        #expect(GroupClaims([group("a", role: "r1", precedence: 7), group("b", role: "r2")]).preferredRole == "r1")
    }

    @Test func tiedPrecedenceWithDifferentRolesHasNoPreferredRole() {
        #expect(GroupClaims([group("a", role: "r1", precedence: 1), group("b", role: "r2", precedence: 1)]).preferredRole == nil)
    }

    @Test func tiedPrecedenceWithTheSameRoleKeepsIt() {
        let claims = GroupClaims([group("a", role: "r1", precedence: 1), group("b", role: "r1", precedence: 1)])
        #expect(claims.preferredRole == "r1" && claims.roles == ["r1"])
    }

    @Test func groupsWithoutPrecedenceTie() {
        #expect(GroupClaims([group("a", role: "r1"), group("b", role: "r2")]).preferredRole == nil)
        #expect(GroupClaims([group("a", role: "r1")]).preferredRole == "r1")
    }

    @Test func accessTokenGetsOnlyTheGroups() {
        var id: [String: JSONValue] = [:]
        var access: [String: JSONValue] = [:]
        GroupClaims([group("a", role: "r1", precedence: 1)]).add(idToken: &id, accessToken: &access)
        #expect(access == ["cognito:groups": ["a"]])
        #expect(id == ["cognito:groups": ["a"], "cognito:roles": ["r1"], "cognito:preferred_role": "r1"])
    }
}
