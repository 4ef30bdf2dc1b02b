import Testing
@testable import CryptoPrimitives

/// ES256 (ECDSA P-256, SHA-256, DER signatures) through libcrypto, against a signature made by
/// Python's `cryptography` (OpenSSL too, but another caller and encoder).
@Suite struct ECPublicKeyTests {
    static func bytes(_ hex: String) -> [UInt8] {
        var result: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            result.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return result
    }

    static let x = bytes("c2f1f9f2a626f503efffb0c511994dd7d8c66fe9aef0fe3529e24809758de346")
    static let y = bytes("ce4d018dbc856bb65841ac8a8641e5fe3fd98a17162d659ef90d57881fee3dfc")
    static let signature = bytes("304502210092ac670143dac66aadbc073b7de3704e8f3b4a2f9a88495f54386f7983455e1e022060c7e205f8922c67bc7f8a15f029a29f6e94490682cebc56b3fe8f051a6ef41f")
    static let message = Array("authenticator data || client data hash".utf8)

    @Test func verifiesAKnownSignature() throws {
        let key = try ECPublicKey(p256X: Self.x, y: Self.y)
        #expect(key.verifyES256(Self.message, signature: Self.signature))
        #expect(!key.verifyES256(Self.message + [0], signature: Self.signature))
        var flipped = Self.signature
        flipped[10] ^= 1
        #expect(!key.verifyES256(Self.message, signature: flipped))
        #expect(!key.verifyES256(Self.message, signature: []))
    }

    @Test func refusesPointsOffTheCurveAndBadLengths() {
        var offCurve = Self.y
        offCurve[31] ^= 1
        #expect(throws: CryptoError.self) { try ECPublicKey(p256X: Self.x, y: offCurve) }
        #expect(throws: CryptoError.self) { try ECPublicKey(p256X: Array(Self.x.prefix(31)), y: Self.y) }
        #expect(throws: CryptoError.self) { try ECPublicKey(p256X: [UInt8](repeating: 0, count: 32), y: [UInt8](repeating: 0, count: 32)) }
    }
}
