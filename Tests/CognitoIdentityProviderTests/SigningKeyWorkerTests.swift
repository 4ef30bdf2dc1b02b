import AWSJSONProtocol
import Foundation
import Testing
@testable import CognitoIdentityProvider

/// Keys are made on the one key thread: concurrent first uses of a pool's key all get the same
/// key, and a burst of new pools each gets its own.
@Suite struct SigningKeyWorkerTests {
    @Test func concurrentFirstUsesShareOneKeyPerPool() throws {
        let harness = try ServiceHarness()
        let pools = try (0..<4).map { try harness.createPool("burst\($0)") }
        let kids = ReadWriteLocked([String: Set<String>]())
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            let poolId = pools[index % pools.count]
            guard let keys = try? harness.cognito.jsonWebKeySet(poolId: poolId),
                  let kid = keys["keys"]?.arrayValue?.first?["kid"]?.stringValue else { return }
            kids.write { $0[poolId, default: []].insert(kid) }
        }
        let seen = kids.read { $0 }
        #expect(seen.count == pools.count)
        #expect(seen.values.allSatisfy { $0.count == 1 })
        #expect(Set(seen.values.compactMap(\.first)).count == pools.count)
        for poolId in pools {
            let stored = try #require(try harness.cognito.environment.tokens.keys.storedKey(for: poolId))
            #expect(seen[poolId] == [stored.kid])
        }
    }
}
