import Testing
@testable import AWSJSONProtocol

/// The signer against botocore 1.43.11's SigV4Auth for the same Lambda Invoke request (same
/// credentials, session token, region, service and time), and against this module's verifier.
@Suite struct SigV4SignerTests {
    static let body = Array(#"{"version":"1"}"#.utf8)
    static let request = SignedRequestParts(
        method: "POST", path: "/2015-03-31/functions/pre-sign-up/invocations", query: "Qualifier=live",
        headers: [("Host", "127.0.0.1:4566"), ("Content-Type", "application/json"), ("X-Amz-Invocation-Type", "RequestResponse")],
        body: body)
    static let signer = SigV4Signer(
        accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: "session-token-1")

    @Test func matchesBotocore() throws {
        let at = try #require(SigV4Verifier.parseBasicFormat("20261204T173511Z"))
        let headers = Self.signer.headers(for: Self.request, region: "eu-west-1", service: "lambda", epochSeconds: at)
        let byName = Dictionary(uniqueKeysWithValues: headers.map { ($0.0, $0.1) })
        #expect(byName["X-Amz-Date"] == "20261204T173511Z")
        #expect(byName["X-Amz-Security-Token"] == "session-token-1")
        #expect(byName["X-Amz-Content-Sha256"] == "aa5bc61f44d5f633935d04cbccf2654c56806fc924b0083a6cb6b7545369ad64")
        #expect(byName["Authorization"] == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261204/eu-west-1/lambda/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-invocation-type;x-amz-security-token, Signature=4e2091e16b68749be7bcdcdfff15edc99071eb5c4badeacf074c4516dad30482")
    }

    @Test func theVerifierAcceptsWhatTheSignerSigns() throws {
        let at = 1_800_000_000.0
        let signer = SigV4Signer(accessKeyId: "AKID", secretAccessKey: "secret")
        var signed = Self.request
        signed.headers += signer.headers(for: Self.request, region: "us-east-1", service: "lambda", epochSeconds: at)
        let verifier = SigV4Verifier(accessKeyId: "AKID", secretAccessKey: "secret", service: "lambda", now: { at })
        try verifier.verify(signed)
        #expect(!signed.headers.contains { $0.0 == "X-Amz-Security-Token" })
    }
}
