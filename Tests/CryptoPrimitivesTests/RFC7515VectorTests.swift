import Testing
@testable import CryptoPrimitives

/// RFC 7515 Appendix A.2, "Example JWS Using RSASSA-PKCS1-v1_5 SHA-256": the RSA key of A.2.1 as a
/// JWK, the JWS Protected Header and JWS Payload octets of A.2.1 (the payload is the one of A.1),
/// and the complete compact serialization printed at the end of A.2.1. Every value was checked
/// outside Swift with Python's `cryptography` package: p * q == n, dp, dq and qi agree with d,
/// p and q, the signature verifies, and re-signing reproduces it.
enum RFC7515A2 {
    static let n = "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-"
        + "yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-"
        + "KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h"
        + "9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ"
    static let e = "AQAB"
    static let d = "Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO97IjlA7_GQ5sLKMgvfTeXZx9SE-7YwVol2NXOoAJe4"
        + "6sui395IW_GO-pWJ1O0BkTGoVEn2bKVRUCgu-GjBVaYLU6f3l9kJfFNS3E0QbVdxzubSu3Mkqzjkn439X0M_V51gfpRLI9JYanrC4"
        + "D4qAdGcopV_0ZHHzQlBjudU2QvXt4ehNYTCBr6XCLQUShb1juUO1ZdiYoFaFQT5Tw8bGUl_x_jTj3ccPDVZFD9pIuhLhBOneufuBi"
        + "B4cS98l2SR_RQyGWSeWjnczT0QU91p1DhOVRuOopznQ"
    static let p = "4BzEEOtIpmVdVEZNCqS7baC4crd0pqnRH_5IB3jw3bcxGn6QLvnEtfdUdiYrqBdss1l58BQ3KhooKeQTa9AB0Hw_Py5PJdTJN"
        + "PY8cQn7ouZ2KKDcmnPGBY5t7yLc1QlQ5xHdwW1VhvKn-nXqhJTBgIPgtldC-KDV5z-y2XDwGUc"
    static let q = "uQPEfgmVtjL0Uyyx88GZFF1fOunH3-7cepKmtH4pxhtCoHqpWmT8YAmZxaewHgHAjLYsp1ZSe7zFYHj7C6ul7TjeLQeZD_YwD"
        + "66t62wDmpe_HlB-TnBA-njbglfIsRLtXlnDzQkv5dTltRJ11BKBBypeeF6689rjcJIDEz9RWdc"
    static let dp = "BwKfV3Akq5_MFZDFZCnW-wzl-CCo83WoZvnLQwCTeDv8uzluRSnm71I3QCLdhrqE2e9YkxvuxdBfpT_PI7Yz-FOKnu1R6HsJe"
        + "DCjn12Sk3vmAktV2zb34MCdy7cpdTh_YVr7tss2u6vneTwrA86rZtu5Mbr1C1XsmvkxHQAdYo0"
    static let dq = "h_96-mK1R_7glhsum81dZxjTnYynPbZpHziZjeeHcXYsXaaMwkOlODsWa7I9xXDoRwbKgB719rrmI2oKr6N3Do9U0ajaHF-NK"
        + "JnwgjMd2w9cjz3_-kyNlxAr2v4IKhGNpmM5iIgOS1VZnOZ68m6_pbLBSp3nssTdlqvd0tIiTHU"
    static let qi = "IYd7DHOhrWvxkwPQsRM2tOgrjbcrfvtQJipd-DlcxyVuuM9sQLdgjVk2oy26F0EmpScGLq2MowX7fhd_QJQ3ydy5cY7YIBi87"
        + "w93IKLEdfnbJtoOPLUW0ITrJReOgo1cq9SbsxYawBgfp_gh6A5603k2-ZQwVK0JKSHuLFkuQ3U"

    /// UTF8(JWS Protected Header) octets as printed in A.2.1: {"alg":"RS256"}
    static let headerOctets: [UInt8] = [123, 34, 97, 108, 103, 34, 58, 34, 82, 83, 50, 53, 54, 34, 125]
    /// The JWS Payload of A.1, with its CR LF line breaks.
    static let payloadText = "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}"
    static let signingInput = "eyJhbGciOiJSUzI1NiJ9"
        + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
    static let signature = "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5j"
        + "ujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0Ga"
        + "rZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs9"
        + "8rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw"
    static let token = signingInput + "." + signature
    /// The first and last octets of the signature as the RFC also prints them (A.2.1, "resulting JWS Signature").
    static let signatureHead: [UInt8] = [112, 46, 33, 137, 67, 232, 143, 209, 30, 181, 216, 45, 191, 120, 69, 243]
    static let signatureTail: [UInt8] = [149, 67, 208, 25, 238, 251, 71]

    static func decode(_ text: String) -> [UInt8] { Base64URL.decode(text)! }

    static func publicKey() throws -> RSAPublicKey {
        try RSAPublicKey(modulus: decode(n), exponent: decode(e))
    }

    static func privateKey() throws -> RSAPrivateKey {
        try RSAPrivateKey(
            modulus: decode(n), publicExponent: decode(e), privateExponent: decode(d), prime1: decode(p),
            prime2: decode(q), exponent1: decode(dp), exponent2: decode(dq), coefficient: decode(qi))
    }
}

@Suite struct RFC7515VectorTests {
    @Test func theRFCValuesAreSelfConsistent() {
        #expect(RFC7515A2.decode(RFC7515A2.n).count == 256)
        #expect(Base64URL.encode(RFC7515A2.headerOctets) == "eyJhbGciOiJSUzI1NiJ9")
        let signature = RFC7515A2.decode(RFC7515A2.signature)
        #expect(signature.count == 256)
        #expect(Array(signature.prefix(16)) == RFC7515A2.signatureHead)
        #expect(Array(signature.suffix(7)) == RFC7515A2.signatureTail)
    }

    /// A.2.2: validating the example JWS with the public key built from the JWK's n and e.
    @Test func verifiesTheRFCTokenWithTheJWKPublicKey() throws {
        let key = try RFC7515A2.publicKey()
        #expect(key.modulus == RFC7515A2.decode(RFC7515A2.n))
        #expect(key.exponent == [1, 0, 1])
        #expect(key.verifyRS256(Array(RFC7515A2.signingInput.utf8), signature: RFC7515A2.decode(RFC7515A2.signature)))

        let verified = try #require(JSONWebSignature.verifyRS256(RFC7515A2.token, key: key))
        #expect(verified.header == RFC7515A2.headerOctets)
        #expect(verified.payload == Array(RFC7515A2.payloadText.utf8))
    }

    /// A.2.1: PKCS#1 v1.5 is deterministic, so the RFC's private key must reproduce its signature exactly.
    @Test func signingReproducesTheRFCSignatureByteForByte() throws {
        let key = try RFC7515A2.privateKey()
        #expect(key.publicKey.modulus == RFC7515A2.decode(RFC7515A2.n))
        let signature = try key.signRS256(Array(RFC7515A2.signingInput.utf8))
        #expect(signature == RFC7515A2.decode(RFC7515A2.signature))

        let token = try JSONWebSignature.signRS256(
            header: RFC7515A2.headerOctets, payload: Array(RFC7515A2.payloadText.utf8), key: key)
        #expect(token == RFC7515A2.token)
    }

    /// The RFC key survives a PKCS#8 PEM round trip and still signs identically.
    @Test func theRFCKeyRoundTripsThroughPEM() throws {
        let reloaded = try RSAPrivateKey(pem: RFC7515A2.privateKey().pemRepresentation)
        #expect(try reloaded.signRS256(Array(RFC7515A2.signingInput.utf8)) == RFC7515A2.decode(RFC7515A2.signature))
    }

    @Test func inconsistentPrivateParametersAreRejected() {
        var d = RFC7515A2.decode(RFC7515A2.d)
        d[d.count - 1] ^= 0x02
        #expect(throws: CryptoError.self) {
            try RSAPrivateKey(
                modulus: RFC7515A2.decode(RFC7515A2.n), publicExponent: [1, 0, 1], privateExponent: d,
                prime1: RFC7515A2.decode(RFC7515A2.p), prime2: RFC7515A2.decode(RFC7515A2.q),
                exponent1: RFC7515A2.decode(RFC7515A2.dp), exponent2: RFC7515A2.decode(RFC7515A2.dq),
                coefficient: RFC7515A2.decode(RFC7515A2.qi))
        }
    }
}
