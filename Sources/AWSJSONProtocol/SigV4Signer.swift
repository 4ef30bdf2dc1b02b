import CryptoPrimitives

/// Signs an outgoing request with AWS Signature Version 4 (the server as a client: the Lambda
/// Invoke API). The canonical request and the signature come from `SigV4Verifier`, so what this
/// signs is exactly what that checks.
public struct SigV4Signer: Sendable {
    public let accessKeyId: String
    public let secretAccessKey: String
    /// `X-Amz-Security-Token` for temporary credentials (signed, as AWS requires).
    public let sessionToken: String?

    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    /// The headers to add to `request` (`X-Amz-Date`, `X-Amz-Content-Sha256`, the security token when
    /// there is one, and `Authorization`), signing every header already in it plus those.
    /// `epochSeconds` is the signing time.
    public func headers(
        for request: SignedRequestParts, region: String, service: String, epochSeconds: Double
    ) -> [(String, String)] {
        let amzDate = SigV4Verifier.basicFormat(epochSeconds)
        var added: [(String, String)] = [
            ("X-Amz-Date", amzDate), ("X-Amz-Content-Sha256", hex(Digest.sha256(request.body))),
        ]
        if let sessionToken, !sessionToken.isEmpty { added.append(("X-Amz-Security-Token", sessionToken)) }
        var signed = request
        signed.headers += added
        let names = Array(Set(signed.headers.map { $0.0.lowercased() })).sorted()
        let signature = SigV4Verifier.signature(
            signed, signedHeaders: names, amzDate: amzDate, region: region, service: service, secret: secretAccessKey)
        let day = amzDate.prefix(8)
        added.append((
            "Authorization",
            "\(SigV4Verifier.algorithm) Credential=\(accessKeyId)/\(day)/\(region)/\(service)/aws4_request, "
                + "SignedHeaders=\(names.joined(separator: ";")), Signature=\(signature)"))
        return added
    }
}
