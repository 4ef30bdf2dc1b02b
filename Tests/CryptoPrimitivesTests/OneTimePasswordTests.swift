import Testing
@testable import CryptoPrimitives

/// Known answers from the RFCs themselves.
@Suite struct OneTimePasswordTests {
    /// The seed of RFC 4226 Appendix D and RFC 6238 Appendix B (SHA-1): ASCII "12345678901234567890".
    let seed = Array("12345678901234567890".utf8)

    /// RFC 4226 Appendix D: HOTP values for counters 0 to 9.
    @Test func hotpAppendixD() {
        let expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]
        for (counter, value) in expected.enumerated() {
            #expect(TOTP.hotp(secret: seed, counter: UInt64(counter)) == value)
        }
    }

    /// RFC 6238 Appendix B, SHA-1 rows: time, T (hex) and the 8-digit TOTP.
    static let appendixB: [(time: Double, step: Int64, totp: String)] = [
        (59, 0x1, "94287082"),
        (1_111_111_109, 0x23523EC, "07081804"),
        (1_111_111_111, 0x23523ED, "14050471"),
        (1_234_567_890, 0x273EF07, "89005924"),
        (2_000_000_000, 0x3F940AA, "69279037"),
        (20_000_000_000, 0x27BC86AA, "65353130"),
    ]

    @Test func totpAppendixBEightDigits() {
        for row in Self.appendixB {
            #expect(TOTP.timeStep(at: row.time) == row.step)
            #expect(TOTP.code(secret: seed, atTimeStep: row.step, digits: 8) == row.totp)
        }
    }

    /// The 6-digit codes Cognito and authenticator apps use are the same truncation modulo 10^6.
    @Test func totpAppendixBSixDigits() {
        for row in Self.appendixB {
            #expect(TOTP.code(secret: seed, atTimeStep: TOTP.timeStep(at: row.time)) == String(row.totp.suffix(6)))
        }
    }

    @Test func stepBoundaries() {
        #expect(TOTP.timeStep(at: 0) == 0)
        #expect(TOTP.timeStep(at: 29.999) == 0)
        #expect(TOTP.timeStep(at: 30) == 1)
    }

    /// RFC 4648 section 10 test vectors.
    static let base32Vectors: [(String, String)] = [
        ("", ""), ("f", "MY======"), ("fo", "MZXQ===="), ("foo", "MZXW6==="), ("foob", "MZXW6YQ="),
        ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI======"),
    ]

    @Test func base32RFC4648Vectors() {
        for (plain, encoded) in Self.base32Vectors {
            let bytes = Array(plain.utf8)
            #expect(Base32.encode(bytes, padded: true) == encoded)
            let unpadded = String(encoded.prefix { $0 != "=" })
            #expect(Base32.encode(bytes) == unpadded)
            #expect(Base32.decode(encoded) == bytes)
            #expect(Base32.decode(unpadded) == bytes)
            #expect(Base32.decode(encoded.lowercased()) == bytes)
        }
    }

    @Test func base32RejectsWhatEncodingCannotProduce() {
        #expect(Base32.decode("MZXW6YT1") == nil)
        #expect(Base32.decode("M") == nil)
        #expect(Base32.decode("MZX") == nil)
        #expect(Base32.decode("MY=A") == nil)
    }

    /// A 32-byte secret encodes to 52 characters without padding (spec section 9 row 14).
    @Test func thirtyTwoByteSecretIs52Characters() {
        let secret = SecureRandom.bytes(32)
        let text = Base32.encode(secret)
        #expect(text.count == 52)
        #expect(Base32.decode(text) == secret)
    }
}
