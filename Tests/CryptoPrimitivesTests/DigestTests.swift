import Foundation
import Testing
@testable import CryptoPrimitives

private func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
private func bytes(_ hex: String) -> [UInt8] {
    var result: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
        let next = hex.index(index, offsetBy: 2)
        result.append(UInt8(hex[index..<next], radix: 16)!)
        index = next
    }
    return result
}

@Suite struct DigestTests {
    /// FIPS 180-4 example "abc".
    @Test func sha256KnownAnswer() {
        #expect(hex(Digest.sha256(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// RFC 4231 test case 2.
    @Test func hmacSHA256KnownAnswer() {
        let mac = Digest.hmacSHA256(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(hex(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    /// RFC 2202 test case 2.
    @Test func hmacSHA1KnownAnswer() {
        let mac = Digest.hmacSHA1(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(hex(mac) == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")
    }

    @Test func hmacAcceptsAnEmptyKey() {
        // RFC 4231 does not cover it; the value is HMAC-SHA256("", "") as computed by Python's hmac module.
        #expect(hex(Digest.hmacSHA256(key: [], message: [])) == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }

    @Test func constantTimeEquality() {
        #expect(Digest.constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!Digest.constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!Digest.constantTimeEquals([1, 2], [1, 2, 3]))
        #expect(Digest.constantTimeEquals([], []))
    }

    /// RFC 4648 section 10 vectors, in the URL-safe alphabet without padding.
    @Test func base64URLRoundTrips() {
        #expect(Base64URL.encode(Array("foobar".utf8)) == "Zm9vYmFy")
        #expect(Base64URL.encode(Array("fo".utf8)) == "Zm8")
        #expect(Base64URL.encode([0xfb, 0xff]) == "-_8")
        #expect(Base64URL.decode("-_8") == [0xfb, 0xff])
        #expect(Base64URL.decode("Zm8=") == Array("fo".utf8))
        #expect(Base64URL.decode("Zm8*") == nil)
    }

    /// The table encoder agrees with Foundation's base64 (URL alphabet, no padding) at every length.
    @Test func base64URLMatchesFoundationAtEveryLength() {
        for length in 0...64 {
            let bytes = SecureRandom.bytes(length)
            let expected = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            #expect(Base64URL.encode(bytes) == expected)
            #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
        }
    }

    @Test func srpVerifierMatchesOnlyTheRightPassword() {
        let (salt, verifier) = SRPVerifier.make(poolName: "abcdefghi", userId: "alice", password: "Passw0rd!")
        #expect(salt.count == 16 && (1...0x7F).contains(salt[0]))
        #expect(verifier.count == 384)
        #expect(SRPVerifier.matches(password: "Passw0rd!", poolName: "abcdefghi", userId: "alice", salt: salt, verifier: verifier))
        #expect(!SRPVerifier.matches(password: "Passw0rd?", poolName: "abcdefghi", userId: "alice", salt: salt, verifier: verifier))
        #expect(!SRPVerifier.matches(password: "Passw0rd!", poolName: "abcdefghi", userId: "bob", salt: salt, verifier: verifier))
    }

    /// g^1 mod N = 2 and g^0 = 1, padded to 384 bytes: the group and padding are wired correctly.
    @Test func srpGroupSmallExponents() {
        #expect(SRPGroup.modExpG(exponent: [1]) == [UInt8](repeating: 0, count: 383) + [2])
        #expect(SRPGroup.modExpG(exponent: [0]) == [UInt8](repeating: 0, count: 383) + [1])
        #expect(SRPGroup.padded([0x80, 1]) == [0, 0x80, 1])
        #expect(SRPGroup.padded([0x7f]) == [0x7f])
    }
}
