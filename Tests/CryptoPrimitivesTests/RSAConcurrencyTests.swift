import Foundation
import POSIXThreads
import Testing
@testable import CryptoPrimitives

/// Results written by several threads; the lock is the only shared mutable state. A pthread lock
/// (`LockedValue`), not `Synchronization.Mutex`: ThreadSanitizer does not see Mutex's futex and
/// reported this test's writes as a race.
private final class Results: Sendable {
    let signatures = LockedValue<[Int: [[UInt8]]]>([:])
}

private func message(_ thread: Int, _ round: Int) -> [UInt8] { Array("thread \(thread) round \(round)".utf8) }

@Suite struct RSAConcurrencyTests {
    /// Eight OS threads sign with one shared key at the same moment (a semaphore releases them
    /// together); every signature must verify and equal the one computed alone, since PKCS#1 v1.5
    /// is deterministic. This exercises the no-lock sharing argued for in `RSAPublicKey`.
    @Test func eightThreadsSignWithOneKeyAtOnce() throws {
        let key = SharedKey.key
        let threads = 8, rounds = 12
        let results = Results()
        let start = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        for thread in 0..<threads {
            done.enter()
            Thread {
                start.wait()
                var mine: [[UInt8]] = []
                for round in 0..<rounds { mine.append((try? key.signRS256(message(thread, round))) ?? []) }
                results.signatures.withLock { $0[thread] = mine }
                done.leave()
            }.start()
        }
        for _ in 0..<threads { start.signal() }
        #expect(done.wait(timeout: .now() + 120) == .success)

        let all = results.signatures.withLock { $0 }
        #expect(all.count == threads)
        for thread in 0..<threads {
            let signatures = try #require(all[thread])
            #expect(signatures.count == rounds)
            for (round, signature) in signatures.enumerated() {
                #expect(key.publicKey.verifyRS256(message(thread, round), signature: signature))
                #expect(signature == (try key.signRS256(message(thread, round))))
            }
        }
    }
}
