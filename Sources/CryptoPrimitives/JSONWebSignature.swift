import FoundationEssentials

/// Compact JWS with RS256 (RFC 7515 / RFC 7519), the form of Cognito's ID and access tokens:
/// `BASE64URL(header) "." BASE64URL(payload) "." BASE64URL(signature)` (RFC 7515 section 7.1).
public enum JSONWebSignature {
    /// Signs `header` and `payload`, the exact JSON bytes to encode (the caller serializes them and
    /// is responsible for `"alg":"RS256"` in the header).
    public static func signRS256(header: [UInt8], payload: [UInt8], key: RSAPrivateKey) throws -> String {
        // RFC 7515 section 5.1 step 8: the JWS Signing Input is ASCII(encoded header "." encoded payload).
        let signingInput = Base64URL.encode(header) + "." + Base64URL.encode(payload)
        let signature = try key.signRS256(Array(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// Splits `token`, checks the signature with `key`; returns (headerJSON, payloadJSON) bytes, or nil
    /// when malformed, when the header's `alg` is not "RS256", or when the signature does not verify.
    public static func verifyRS256(_ token: String, key: RSAPublicKey) -> (header: [UInt8], payload: [UInt8])? {
        guard let parts = decodeUnverified(token) else { return nil }
        // RFC 7515 section 5.2 step 8 and RFC 8725 section 3.1: the algorithm the header names must be
        // the one this key is used with, so a token can never pick a weaker algorithm for itself.
        guard let header = try? JSONDecoder().decode(ProtectedHeader.self, from: Data(parts.header)),
              header.alg == "RS256"
        else { return nil }
        // Section 5.2 step 8: the signing input is the encoded segments exactly as received.
        guard let secondDot = token.utf8.lastIndex(of: UInt8(ascii: ".")) else { return nil }
        let signingInput = Array(token.utf8[..<secondDot])
        guard key.verifyRS256(signingInput, signature: parts.signature) else { return nil }
        return (parts.header, parts.payload)
    }

    /// Decodes header and payload without verifying (to read `kid` first); nil when malformed:
    /// not exactly three segments, a segment that is not canonical unpadded base64url, an empty
    /// header or signature. The header is not parsed here.
    public static func decodeUnverified(_ token: String) -> (header: [UInt8], payload: [UInt8], signature: [UInt8])? {
        let segments = token.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard segments.count == 3,
              let header = decodeSegment(segments[0]), !header.isEmpty,
              let payload = decodeSegment(segments[1]),
              let signature = decodeSegment(segments[2]), !signature.isEmpty
        else { return nil }
        return (header, payload, signature)
    }

    /// The bytes of one segment, or nil unless it is base64url in the form RFC 7515 section 2 requires:
    /// URL-safe alphabet, no padding, no line breaks, and zero unused trailing bits. Re-encoding and
    /// comparing rejects every other spelling, so one token has exactly one valid string form.
    private static func decodeSegment(_ segment: Substring.UTF8View.SubSequence) -> [UInt8]? {
        let text = String(decoding: segment, as: UTF8.self)
        guard let bytes = Base64URL.decode(text), Base64URL.encode(bytes) == text else { return nil }
        return bytes
    }

    /// The only header member this module checks; `kid` and `typ` are the caller's business.
    private struct ProtectedHeader: Decodable {
        let alg: String
    }
}
