/// What this server reads from a SigV4 `Authorization` header (the signature itself is not checked:
/// spec section 9, decision 21).
public enum SigV4 {
    /// The region of the credential scope in
    /// `AWS4-HMAC-SHA256 Credential=AKID/20260101/<region>/cognito-idp/aws4_request, SignedHeaders=…`,
    /// or nil when the header is absent or the scope is not `<key>/<date>/<region>/<service>/aws4_request`.
    public static func region(fromAuthorization header: String?) -> String? {
        guard let header, let range = header.range(of: "Credential=") else { return nil }
        let value = header[range.upperBound...].prefix { $0 != "," && $0 != " " && $0 != "\t" }
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 5, parts[parts.count - 1] == "aws4_request" else { return nil }
        let region = parts[parts.count - 3]
        guard !region.isEmpty,
            region.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || ($0 | 0x20) &- UInt8(ascii: "a") < 26 || $0 &- UInt8(ascii: "0") < 10 })
        else { return nil }
        return String(region)
    }
}
