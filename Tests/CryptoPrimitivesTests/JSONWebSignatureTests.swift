import Testing
@testable import CryptoPrimitives

@Suite struct JSONWebSignatureTests {
    let key = SharedKey.key
    let header = Array(#"{"kid":"key-1","alg":"RS256"}"#.utf8)
    let payload = Array(#"{"sub":"alice","token_use":"id","exp":1700000000}"#.utf8)

    @Test func signAndVerifyRoundTrip() throws {
        let token = try JSONWebSignature.signRS256(header: header, payload: payload, key: key)
        #expect(token.split(separator: ".", omittingEmptySubsequences: false).count == 3)
        #expect(!token.contains("=") && !token.contains("+") && !token.contains("/"))
        let verified = try #require(JSONWebSignature.verifyRS256(token, key: key.publicKey))
        #expect(verified.header == header)
        #expect(verified.payload == payload)

        let unverified = try #require(JSONWebSignature.decodeUnverified(token))
        #expect(unverified.header == header && unverified.payload == payload)
        #expect(unverified.signature.count == 256)
    }

    @Test func anotherKeyDoesNotVerify() throws {
        let token = try JSONWebSignature.signRS256(header: header, payload: payload, key: key)
        #expect(JSONWebSignature.verifyRS256(token, key: try RFC7515A2.publicKey()) == nil)
        #expect(JSONWebSignature.verifyRS256(RFC7515A2.token, key: key.publicKey) == nil)
    }

    @Test func tamperedSegmentsDoNotVerify() throws {
        let token = try JSONWebSignature.signRS256(header: header, payload: payload, key: key)
        let parts = token.split(separator: ".").map(String.init)
        let otherPayload = Base64URL.encode(Array(#"{"sub":"mallory","token_use":"id","exp":1700000000}"#.utf8))
        #expect(JSONWebSignature.verifyRS256([parts[0], otherPayload, parts[2]].joined(separator: "."), key: key.publicKey) == nil)
        let otherHeader = Base64URL.encode(Array(#"{"kid":"key-2","alg":"RS256"}"#.utf8))
        #expect(JSONWebSignature.verifyRS256([otherHeader, parts[1], parts[2]].joined(separator: "."), key: key.publicKey) == nil)
        var signature = Base64URL.decode(parts[2])!
        signature[0] ^= 0x80
        let badSignature = [parts[0], parts[1], Base64URL.encode(signature)].joined(separator: ".")
        #expect(JSONWebSignature.decodeUnverified(badSignature) != nil)  // well-formed ...
        #expect(JSONWebSignature.verifyRS256(badSignature, key: key.publicKey) == nil)  // ... but not genuine
    }

    @Test(arguments: [
        "",
        ".",
        "..",
        "abc",
        "eyJhbGciOiJSUzI1NiJ9.e30",                      // two segments
        "eyJhbGciOiJSUzI1NiJ9.e30.AAAA.AAAA",            // four segments
        "eyJhbGciOiJSUzI1NiJ9.e30.",                     // empty signature
        ".e30.AAAA",                                     // empty header
        "eyJhbGciOiJSUzI1NiJ9.e3*.AAAA",                 // character outside base64url
        "eyJhbGciOiJSUzI1NiJ9.e30=.AAAA",                // padding
        "eyJhbGciOiJSUzI1NiJ9.e3+.AAAA",                 // standard, not URL-safe, alphabet
        "eyJhbGciOiJSUzI1NiJ9.e31.AAAA",                 // non-zero unused bits: not the canonical spelling of "{}"
        "eyJhbGciOiJSUzI1NiJ9.e30.A",                    // impossible length
        "eyJhbGciOiJSUzI1NiJ9 .e30.AAAA",                // whitespace
    ])
    func malformedTokensAreNil(token: String) {
        #expect(JSONWebSignature.decodeUnverified(token) == nil)
        #expect(JSONWebSignature.verifyRS256(token, key: key.publicKey) == nil)
    }

    /// RFC 7515 section 5.2 / RFC 8725 section 3.1: a genuine RS256 signature under a header that
    /// names another algorithm (or none, or is not JSON) is still rejected.
    @Test(arguments: [#"{"alg":"HS256"}"#, #"{"alg":"none"}"#, #"{"alg":"PS256"}"#, #"{"kid":"k"}"#, #"not json"#, #"["RS256"]"#])
    func headerMustNameRS256(header: String) throws {
        let token = try JSONWebSignature.signRS256(header: Array(header.utf8), payload: payload, key: key)
        #expect(JSONWebSignature.decodeUnverified(token) != nil)
        #expect(JSONWebSignature.verifyRS256(token, key: key.publicKey) == nil)
    }

    @Test func anEmptyPayloadIsAllowed() throws {
        let token = try JSONWebSignature.signRS256(header: Array(#"{"alg":"RS256"}"#.utf8), payload: [], key: key)
        #expect(token.contains(".."))
        let verified = try #require(JSONWebSignature.verifyRS256(token, key: key.publicKey))
        #expect(verified.payload.isEmpty)
    }
}
