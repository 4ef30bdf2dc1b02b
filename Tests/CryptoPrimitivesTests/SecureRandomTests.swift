import Testing
@testable import CryptoPrimitives

@Suite struct SecureRandomTests {
    @Test func bytesHaveTheRequestedLengthAndDiffer() {
        let first = SecureRandom.bytes(32)
        let second = SecureRandom.bytes(32)
        #expect(first.count == 32)
        #expect(first != second)
        #expect(SecureRandom.bytes(0).isEmpty)
    }

    @Test func stringsUseOnlyTheAlphabet() {
        let value = SecureRandom.string(count: 2000, from: SecureRandom.lowercaseAlphanumerics)
        #expect(value.count == 2000)
        #expect(value.utf8.allSatisfy { SecureRandom.lowercaseAlphanumerics.contains($0) })
        // Every symbol of a 36-letter alphabet turns up in 2000 draws unless sampling is broken.
        #expect(Set(value.utf8).count == 36)
    }
}
