import AWSJSONProtocol
import CBOR
import CryptoPrimitives

/// Authenticator data (WebAuthn Level 2, section 6.1): rpIdHash, flags, signature counter, and on
/// registration the attested credential data (AAGUID, credential id, COSE public key).
struct AuthenticatorData: Sendable {
    static let userPresent: UInt8 = 0x01
    static let userVerified: UInt8 = 0x04
    static let attestedData: UInt8 = 0x40
    static let extensionData: UInt8 = 0x80

    let rpIdHash: [UInt8]
    let flags: UInt8
    let signCount: UInt32
    let credentialId: [UInt8]?
    /// The credential public key as its COSE_Key bytes (stored as registered).
    let publicKey: [UInt8]?

    var userVerified: Bool { flags & Self.userVerified != 0 }

    /// Parses `bytes`, or nil when they are not well formed: too short, a credential id longer than
    /// the data (or than WebAuthn's 1023 bytes), a key that is not one CBOR item, extensions that are
    /// not one CBOR map, or bytes left over.
    init?(_ bytes: [UInt8]) {
        guard bytes.count >= 37 else { return nil }
        rpIdHash = Array(bytes[0..<32])
        flags = bytes[32]
        signCount = bytes[33..<37].reduce(0) { $0 << 8 | UInt32($1) }
        var rest = Array(bytes[37...])
        if flags & Self.attestedData != 0 {
            guard rest.count >= 18 else { return nil }
            let length = Int(rest[16]) << 8 | Int(rest[17])
            guard length <= 1023, rest.count >= 18 + length else { return nil }
            credentialId = Array(rest[18..<(18 + length)])
            let keyBytes = Array(rest[(18 + length)...])
            guard let (_, keyLength) = try? CBORDecoder.decodePrefix(keyBytes) else { return nil }
            publicKey = Array(keyBytes.prefix(keyLength))
            rest = Array(keyBytes.dropFirst(keyLength))
        } else {
            credentialId = nil
            publicKey = nil
        }
        if flags & Self.extensionData != 0 {
            guard let (extensions, length) = try? CBORDecoder.decodePrefix(rest), case .map = extensions else { return nil }
            rest = Array(rest.dropFirst(length))
        }
        guard rest.isEmpty else { return nil }
    }
}

/// A credential public key (COSE_Key, RFC 9052 section 7; algorithms RFC 9053 / RFC 8812): ES256 on
/// P-256 or RS256, checked through libcrypto (`CryptoPrimitives`).
enum COSEKey {
    static let es256: Int64 = -7
    static let rs256: Int64 = -257

    /// The key's algorithm when it is a supported, well-formed key; nil otherwise.
    static func algorithm(_ keyBytes: [UInt8]) -> Int64? {
        guard let key = try? CBORDecoder.decode(keyBytes), let alg = key[3]?.integer else { return nil }
        switch (key[1]?.integer, alg) {
        case (2, es256):
            guard key[-1]?.integer == 1, let x = key[-2]?.bytesValue, let y = key[-3]?.bytesValue,
                (try? ECPublicKey(p256X: x, y: y)) != nil
            else { return nil }
        case (3, rs256):
            guard let n = key[-1]?.bytesValue, let e = key[-2]?.bytesValue, (try? RSAPublicKey(modulus: n, exponent: e)) != nil
            else { return nil }
        default:
            return nil
        }
        return alg
    }

    /// True when `signature` is the key's signature over `message` (ES256: DER ECDSA; RS256: PKCS#1 v1.5).
    static func verify(_ keyBytes: [UInt8], message: [UInt8], signature: [UInt8]) -> Bool {
        guard let key = try? CBORDecoder.decode(keyBytes) else { return false }
        switch algorithm(keyBytes) {
        case es256?:
            guard let x = key[-2]?.bytesValue, let y = key[-3]?.bytesValue, let publicKey = try? ECPublicKey(p256X: x, y: y)
            else { return false }
            return publicKey.verifyES256(message, signature: signature)
        case rs256?:
            guard let n = key[-1]?.bytesValue, let e = key[-2]?.bytesValue, let publicKey = try? RSAPublicKey(modulus: n, exponent: e)
            else { return false }
            return publicKey.verifyRS256(message, signature: signature)
        default:
            return false
        }
    }
}

/// `CollectedClientData` (WebAuthn section 5.8.1) from clientDataJSON.
struct ClientData: Sendable {
    let type: String
    let challenge: String
    let origin: String

    init?(_ bytes: [UInt8]) {
        guard bytes.count <= 4_096, let value = try? JSONParser.parse(bytes), let type = value["type"]?.stringValue,
            let challenge = value["challenge"]?.stringValue, let origin = value["origin"]?.stringValue
        else { return nil }
        self.type = type
        self.challenge = challenge
        self.origin = origin
    }

    /// WebAuthn section 13.4.9: the origin's host must be the RP ID or one of its subdomains, over
    /// https; `http://localhost` for an RP ID of `localhost` [I: AWS's list of accepted origins is not
    /// documented].
    static func originAllowed(_ origin: String, rpId: String) -> Bool {
        let scheme: String
        let rest: Substring
        if origin.hasPrefix("https://") {
            (scheme, rest) = ("https", origin.dropFirst(8))
        } else if origin.hasPrefix("http://") {
            (scheme, rest) = ("http", origin.dropFirst(7))
        } else {
            return false
        }
        let authority = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard !authority.contains("@") else { return false }
        let host = String(authority.split(separator: ":", maxSplits: 1).first ?? "").lowercased()
        let rp = rpId.lowercased()
        guard host == rp || host.hasSuffix("." + rp) else { return false }
        return scheme == "https" || host == "localhost"
    }
}
