import Testing
@testable import CryptoPrimitives

/// One generated key shared by the tests that need "some 2048-bit key" (generation costs ~0.1 s).
enum SharedKey {
    static let key: RSAPrivateKey = try! RSAPrivateKey.generate()
}

@Suite struct RSAKeyTests {
    @Test func generatedKeyRoundTripsThroughPEMAndVerifies() throws {
        let key = try RSAPrivateKey.generate()
        let pem = key.pemRepresentation
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(pem.hasSuffix("-----END PRIVATE KEY-----\n"))

        let reloaded = try RSAPrivateKey(pem: pem)
        #expect(reloaded.pemRepresentation == pem)
        #expect(reloaded.publicKey.modulus == key.publicKey.modulus)

        let message = Array("the quick brown fox".utf8)
        let signature = try reloaded.signRS256(message)
        #expect(signature.count == 256)
        #expect(signature == (try key.signRS256(message)))  // PKCS#1 v1.5 is deterministic
        #expect(key.publicKey.verifyRS256(message, signature: signature))
        // A key rebuilt from the JWK members verifies too.
        let published = try RSAPublicKey(modulus: key.publicKey.modulus, exponent: key.publicKey.exponent)
        #expect(published.verifyRS256(message, signature: signature))
    }

    @Test func modulusAndExponentHaveTheJWKShape() {
        let publicKey = SharedKey.key.publicKey
        #expect(publicKey.modulus.count == 256)
        #expect(publicKey.modulus[0] != 0)
        #expect(publicKey.exponent == [1, 0, 1])
    }

    @Test func tamperedMessageOrSignatureFails() throws {
        let key = SharedKey.key
        let message = Array("payload".utf8)
        let signature = try key.signRS256(message)
        #expect(key.publicKey.verifyRS256(message, signature: signature))
        #expect(!key.publicKey.verifyRS256(Array("payloaD".utf8), signature: signature))
        var flipped = signature
        flipped[100] ^= 0x01
        #expect(!key.publicKey.verifyRS256(message, signature: flipped))
        #expect(!key.publicKey.verifyRS256(message, signature: Array(signature.dropLast())))
        #expect(!key.publicKey.verifyRS256(message, signature: signature + [0]))
        #expect(!key.publicKey.verifyRS256(message, signature: []))
        #expect(!(try RFC7515A2.publicKey()).verifyRS256(message, signature: signature))
    }

    @Test func emptyMessagesSignAndVerify() throws {
        let signature = try SharedKey.key.signRS256([])
        #expect(SharedKey.key.publicKey.verifyRS256([], signature: signature))
        #expect(!SharedKey.key.publicKey.verifyRS256([0], signature: signature))
    }

    @Test(arguments: [
        "",
        "not a pem",
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n",
    ])
    func malformedPEMThrows(pem: String) {
        #expect(throws: CryptoError.self) { try RSAPrivateKey(pem: pem) }
    }

    /// A well-formed PKCS#8 key of another type (P-256, made with `openssl genpkey` for this test).
    @Test func nonRSAKeysAreRejected() throws {
        let ecKey = """
            -----BEGIN PRIVATE KEY-----
            MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg5FMoR4fGkC3VC6vW
            2thXblCTQsaIbH/U96uZRzxTThKhRANCAASM0RfRfH0syOpZ27/4nIrZX1yLGqxu
            xO5H663wOCa1vTL6dmtrH6xrOhIDlt15IMvDYwJeswHTf405HkZnKZJD
            -----END PRIVATE KEY-----

            """
        let error = try #require(throws: CryptoError.self) { try RSAPrivateKey(pem: ecKey) }
        #expect(error.reasons == ["the key is not an RSA key"])
    }

    @Test func truncatedPEMThrows() {
        let lines = SharedKey.key.pemRepresentation.split(separator: "\n")
        let truncated = (lines.prefix(5) + lines.suffix(1)).joined(separator: "\n") + "\n"
        #expect(throws: CryptoError.self) { try RSAPrivateKey(pem: truncated) }
    }

    @Test func errorsCarryTheOpenSSLReasonsAndClearTheQueue() throws {
        let garbage = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
        let first = try #require(throws: CryptoError.self) { try RSAPrivateKey(pem: garbage) }
        #expect(first.operation == "PEM_read_bio_PrivateKey")
        #expect(!first.reasons.isEmpty)
        #expect(first.description.hasPrefix("PEM_read_bio_PrivateKey failed: error:"))
        // Had the queue not been emptied, the second failure would also report the first one's entries.
        let second = try #require(throws: CryptoError.self) { try RSAPrivateKey(pem: garbage) }
        #expect(second.reasons == first.reasons)
    }

    @Test func weakOrInvalidKeysAreRejected() {
        // RFC 7518 section 3.3: RS256 keys are at least 2048 bits.
        #expect(throws: CryptoError.self) { try RSAPrivateKey.generate(bits: 1024) }
        let modulus = SharedKey.key.publicKey.modulus
        #expect(throws: CryptoError.self) { try RSAPublicKey(modulus: Array(modulus.prefix(128)), exponent: [1, 0, 1]) }
        #expect(throws: CryptoError.self) { try RSAPublicKey(modulus: [], exponent: [1, 0, 1]) }
        #expect(throws: CryptoError.self) { try RSAPublicKey(modulus: modulus, exponent: []) }
        // An even exponent or an even modulus is never an RSA public key (EVP_PKEY_public_check).
        #expect(throws: CryptoError.self) { try RSAPublicKey(modulus: modulus, exponent: [1, 0, 0]) }
        var even = modulus
        even[even.count - 1] &= 0xFE
        #expect(throws: CryptoError.self) { try RSAPublicKey(modulus: even, exponent: [1, 0, 1]) }
    }

    @Test func leadingZerosInJWKIntegersAreTolerated() throws {
        let key = try RSAPublicKey(modulus: [0] + SharedKey.key.publicKey.modulus, exponent: [0, 1, 0, 1])
        #expect(key.modulus == SharedKey.key.publicKey.modulus)
        #expect(key.exponent == [1, 0, 1])
    }
}
