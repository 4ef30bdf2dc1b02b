import AWSJSONProtocol
import CryptoPrimitives
import SQLiteStore
import Testing
@testable import CognitoIdentityProvider

@Suite struct SeedLoaderTests {
    static let seed = #"""
        {"pools": [{
          "id": "us-east-1_Seeded001", "name": "seeded",
          "mfa": {"MfaConfiguration": "OPTIONAL", "SoftwareTokenMfaConfiguration": {"Enabled": true}},
          "clients": [{"id": "seededclient01", "name": "web", "secret": "secretsecretsecretsecret01"}],
          "users": [{"username": "alice", "password": "Passw0rd!", "attributes": {"email": "alice@example.com"},
                     "mfa": {"totpSecret": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "enabled": ["SOFTWARE_TOKEN_MFA"],
                             "preferred": "SOFTWARE_TOKEN_MFA"}}]
        }]}
        """#

    func file(_ text: String, name: String = "seed.json") throws -> SeedFile {
        try SeedFile.parse(Array(text.utf8), path: name)
    }

    @Test func loadsOnceThenChangesNothing() throws {
        let harness = try ServiceHarness()
        let first = try harness.cognito.loadSeeds([try file(Self.seed)])
        #expect(first == SeedSummary(poolsCreated: 1, clientsCreated: 1, usersCreated: 1, skipped: 0))
        let again = try harness.cognito.loadSeeds([try file(Self.seed)])
        #expect(again == SeedSummary(poolsCreated: 0, clientsCreated: 0, usersCreated: 0, skipped: 3))
        let config = try harness.call("GetUserPoolMfaConfig", #"{"UserPoolId":"us-east-1_Seeded001"}"#)
        #expect(config.body["MfaConfiguration"]?.stringValue == "OPTIONAL")
    }

    @Test func totpCodeFollowsTheServiceClock() throws {
        let harness = try ServiceHarness()
        try harness.cognito.loadSeeds([try file(Self.seed)])
        guard case .code(let code, let expiresIn, let step) = try harness.cognito.currentTotp(userPoolId: "us-east-1_Seeded001", username: "alice")
        else { Issue.record("no code"); return }
        #expect(code.count == 6 && (1...30).contains(expiresIn))
        guard case .code(let next, let nextExpiresIn, let nextStep) = try harness.cognito.currentTotp(
            userPoolId: "us-east-1_Seeded001", username: "alice", stepOffset: 1)
        else { Issue.record("no next code"); return }
        // The next step's code, valid 30 s longer (unless a step ended between the two calls).
        #expect(nextStep == step + 1 || nextStep == step + 2)
        #expect(next == TOTP.code(secret: Base32.decode("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP") ?? [], atTimeStep: nextStep))
        #expect((31...60).contains(nextExpiresIn))
        #expect(try harness.cognito.currentTotp(userPoolId: "us-east-1_Seeded001", username: "bob") == .userNotFound)
        #expect(try harness.cognito.currentTotp(userPoolId: "us-east-1_Nope", username: "alice") == .poolNotFound)
    }

    @Test func syntaxErrorsNameLineAndColumnInWords() {
        // Columns count characters: "é" is two bytes and one column.
        #expect(throws: SeedError(file: "s.json", path: "$", problem:
            "not valid JSON at line 2, column 11: unexpected '}' (a missing or extra comma, quote or bracket? comments are not allowed)")) {
            _ = try file("{\"pools\":\n [{\"é\": 1,}]}", name: "s.json")
        }
        #expect(throws: SeedError(file: "s.json", path: "$", problem:
            "not valid JSON at line 1, column 2: the file ends too early (an unclosed object, array or string?)")) {
            _ = try file("{", name: "s.json")
        }
        #expect(SeedSyntax.position(of: 0, in: []) == (1, 1))
    }

    @Test func anUnreadableFileGivesTheSystemReason() {
        #expect(throws: SeedError(file: "/nonexistent/seed.json", path: "$", problem: "cannot read the file: No such file or directory")) {
            _ = try SeedFile.read(path: "/nonexistent/seed.json")
        }
        #expect(throws: SeedError(file: "/", path: "$", problem: "cannot read the file: Is a directory")) {
            _ = try SeedFile.read(path: "/")
        }
    }

    @Test func aBadUserRollsBackTheWholeLoad() throws {
        let harness = try ServiceHarness()
        let bad = Self.seed.replacingOccurrences(of: #""Passw0rd!""#, with: #""short""#)
        #expect(throws: SeedError(
            file: "bad.json", path: "$.pools[0].users[0].password",
            problem: "InvalidPasswordException: Password did not conform with password policy: Password not long enough")
        ) {
            try harness.cognito.loadSeeds([try file(bad, name: "bad.json")])
        }
        let pools = try harness.call("ListUserPools", #"{"MaxResults":10}"#)
        #expect(pools.body["UserPools"]?.arrayValue?.isEmpty == true)
    }

    @Test func resetRestoresTheSeed() throws {
        let harness = try ServiceHarness()
        try harness.cognito.loadSeeds([try file(Self.seed)])
        _ = try harness.createPool("extra")
        _ = try harness.call("AdminDeleteUser", #"{"UserPoolId":"us-east-1_Seeded001","Username":"alice"}"#)
        #expect(try harness.cognito.reset(userPoolId: nil))
        let pools = try harness.call("ListUserPools", #"{"MaxResults":10}"#).body["UserPools"]?.arrayValue ?? []
        #expect(pools.compactMap { $0["Id"]?.stringValue } == ["us-east-1_Seeded001"])
        let alice = try harness.call("AdminGetUser", #"{"UserPoolId":"us-east-1_Seeded001","Username":"alice"}"#)
        #expect(alice.status == 200)
        #expect(try !harness.cognito.reset(userPoolId: "us-east-1_Unknown1"))
    }
}
