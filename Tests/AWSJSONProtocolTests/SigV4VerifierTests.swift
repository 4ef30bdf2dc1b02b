import Testing
@testable import AWSJSONProtocol

/// SigV4 verification against known signatures: AWS's `get-vanilla` example (AWS SigV4 test suite,
/// AKIDEXAMPLE; botocore 1.43.11 computes the same), and a botocore-signed JSON POST with a query.
@Suite struct SigV4VerifierTests {
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let signedAt = 1_440_938_160.0  // 2015-08-30T12:36:00Z

    static func verifier(service: String = "service", now: Double = signedAt) -> SigV4Verifier {
        SigV4Verifier(accessKeyId: "AKIDEXAMPLE", secretAccessKey: secret, service: service, now: { now })
    }

    static let vanilla = SignedRequestParts(
        method: "GET", path: "/", query: nil,
        headers: [
            ("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z"),
            ("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        ],
        body: [])

    static let jsonPost = SignedRequestParts(
        method: "POST", path: "/", query: "Param2=value2&Param1=value%201",
        headers: [
            ("X-Amz-Target", "A.B"), ("Content-Type", "application/x-amz-json-1.1"), ("Host", "example.amazonaws.com"),
            ("X-Amz-Date", "20150830T123600Z"),
            ("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/eu-west-1/cognito-idp/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=807b99a2a33f980d7a9bcc4c1a78cf7135240204d10842d423db320936480c1c"),
        ],
        body: Array(#"{"a":1}"#.utf8))

    func error(_ verifier: SigV4Verifier, _ request: SignedRequestParts) -> AWSServiceError? {
        do { try verifier.verify(request); return nil } catch { return error }
    }

    /// The `Date` header form (RFC 7231 IMF-fixdate), parsed without Foundation's DateFormatter.
    @Test func imfFixdateParses() {
        #expect(SigV4Verifier.parseIMFFixdate("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
        #expect(SigV4Verifier.parseIMFFixdate("Sun, 30 Aug 2015 12:36:00 GMT") == Self.signedAt)
        for bad in ["Sun, 06 Nov 1994 08:49:37 PST", "Sun, 6 Nov 1994 08:49:37 GMT", "Sunday, 06 Nov 1994 08:49:37 GMT",
                    "Sun, 06 Nov 1994 8:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT", "", "20150830T123600Z"] {
            #expect(SigV4Verifier.parseIMFFixdate(bad) == nil, "\(bad)")
        }
    }

    @Test func knownSignaturesVerify() {
        #expect(error(Self.verifier(), Self.vanilla) == nil)
        #expect(error(Self.verifier(service: "cognito-idp"), Self.jsonPost) == nil)
    }

    @Test func anyChangeToSignedPartsIsAMismatch() {
        var body = Self.jsonPost
        body.body = Array(#"{"a":2}"#.utf8)
        var query = Self.jsonPost
        query.query = "Param2=value2&Param1=value%202"
        var header = Self.jsonPost
        header.headers[0].1 = "A.C"
        for request in [body, query, header] {
            #expect(error(Self.verifier(service: "cognito-idp"), request) == SigV4Verifier.signatureMismatch)
        }
        let wrongSecret = SigV4Verifier(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "x", service: "service", now: { Self.signedAt })
        #expect(error(wrongSecret, Self.vanilla) == SigV4Verifier.signatureMismatch)
    }

    @Test func unknownKeyMissingHeaderAndClockSkew() {
        let other = SigV4Verifier(accessKeyId: "AKIDOTHER", secretAccessKey: Self.secret, service: "service", now: { Self.signedAt })
        #expect(error(other, Self.vanilla)?.type == "UnrecognizedClientException")
        var unsigned = Self.vanilla
        unsigned.headers.removeLast()
        #expect(error(Self.verifier(), unsigned) == SigV4Verifier.missingToken)
        #expect(error(Self.verifier(now: Self.signedAt + 300), Self.vanilla) == nil)
        #expect(error(Self.verifier(now: Self.signedAt + 301), Self.vanilla)?.message
            == "Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z (20150830T124101Z - 5 min.)")
        #expect(error(Self.verifier(now: Self.signedAt - 301), Self.vanilla)?.message
            == "Signature not yet current: 20150830T123600Z is still later than 20150830T123559Z (20150830T123059Z + 5 min.)")
    }

    @Test func malformedHeaders() {
        var request = Self.vanilla
        request.headers[2].1 = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request"
        #expect(error(Self.verifier(), request)?.message
            == "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request")
        request.headers[1].1 = "2015-08-30T12:36:00Z"
        request.headers[2] = Self.vanilla.headers[2]
        #expect(error(Self.verifier(), request)?.type == "IncompleteSignatureException")
        request = Self.vanilla
        request.headers.remove(at: 1)
        #expect(error(Self.verifier(), request)?.message?.contains("requires existence of either a 'X-Amz-Date' or a 'Date' header") == true)
    }

    @Test func basicFormatRoundTrips() {
        for epoch in [0.0, 951_782_400, 1_440_938_160, 4_102_444_799, 1_709_164_800] {
            let text = SigV4Verifier.basicFormat(epoch)
            #expect(SigV4Verifier.parseBasicFormat(text) == epoch, "\(text)")
        }
        #expect(SigV4Verifier.basicFormat(951_782_400) == "20000229T000000Z")
        #expect(SigV4Verifier.parseBasicFormat("20150830T1236Z") == nil)
        #expect(SigV4Verifier.parseBasicFormat("2015083aT123600Z") == nil)
    }
}
