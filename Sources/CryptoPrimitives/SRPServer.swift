import CLibCrypto

/// The server side of Cognito's SRP-6a (spec section 10), every step through libcrypto:
///
/// - `k = H(PAD(N) || PAD(g))`, `B = (k·v + g^b) mod N` for a random private `b`;
/// - `u = H(PAD(A) || PAD(B))`, `S = (A · v^u)^b mod N`;
/// - the session key `K` = HKDF-SHA256(key: PAD(S), salt: PAD(u), info: "Caldera Derived Key"), 16 bytes
///   (its single output block is HMAC(PRK, info || 0x01));
/// - the client's claim: HMAC-SHA256(K, poolName || userIdForSrp || secretBlock || timestamp).
///
/// Integers travel as big-endian bytes without leading zeros ("minimal"); `PAD()` is
/// `SRPGroup.padded`, the two's-complement form Cognito's clients hash (a zero byte in front when
/// the top bit is set). H is SHA-256.
public enum SRPServer {
    /// Bytes of the server's private value `b` (512 bits; RFC 5054 asks for at least 256).
    public static let privateValueByteCount = 64
    /// The longest `SRP_A` accepted, in hex digits: the length of N plus a sign byte.
    public static let longestPublicValueHex = 2 * (SRPGroup.byteCount + 1)
    /// HKDF's info string (the `0x01` of the single output block is HKDF's own counter).
    public static let keyDerivationInfo = Array("Caldera Derived Key".utf8)
    /// Length of the derived key `K`.
    public static let keyByteCount = 16

    /// The server's ephemeral pair: `b` (kept secret) and `B` (sent as SRP_B), both minimal bytes.
    public struct Ephemeral: Sendable, Equatable {
        public let privateValue: [UInt8]
        public let publicValue: [UInt8]

        public init(privateValue: [UInt8], publicValue: [UInt8]) {
            self.privateValue = privateValue
            self.publicValue = publicValue
        }
    }

    /// `k = H(PAD(N) || PAD(g))`.
    public static let multiplier: [UInt8] = {
        Digest.sha256(SRPGroup.padded(SRPGroup.prime) + SRPGroup.padded([2]))
    }()

    /// A fresh ephemeral for the user with verifier `v` (or the given `b`, for known-answer tests).
    /// `B mod N` is never zero: a `b` that would make it so is drawn again.
    public static func ephemeral(verifier: [UInt8], privateValue fixed: [UInt8]? = nil) -> Ephemeral {
        while true {
            let b = fixed ?? SecureRandom.bytes(privateValueByteCount)
            let publicValue = BigNumbers.compute { numbers -> [UInt8] in
                let n = numbers.prime(), g = numbers.word(2), k = numbers.from(multiplier), v = numbers.from(verifier)
                let secret = numbers.from(b, secret: true)
                let gb = numbers.new(), kv = numbers.new(), sum = numbers.new()
                check(BN_mod_exp(gb, g, secret, n, numbers.context), "BN_mod_exp(g^b)")
                check(BN_mod_mul(kv, k, v, n, numbers.context), "BN_mod_mul(k·v)")
                check(BN_mod_add(sum, kv, gb, n, numbers.context), "BN_mod_add(k·v + g^b)")
                return numbers.bytes(sum)
            }
            if !publicValue.isEmpty || fixed != nil { return Ephemeral(privateValue: b, publicValue: publicValue) }
        }
    }

    /// The client's `A` from its SRP_A hex, or nil when it is not hex, too long, or `A mod N = 0`
    /// (RFC 5054 section 2.5.4: the server must abort then, or any proof would pass).
    public static func clientPublicValue(hex: String) -> [UInt8]? {
        guard let bytes = Self.bytes(hex: hex, maxDigits: longestPublicValueHex) else { return nil }
        let zero = BigNumbers.compute { numbers -> Bool in
            let a = numbers.from(bytes), n = numbers.prime(), remainder = numbers.new()
            check(BN_nnmod(remainder, a, n, numbers.context), "BN_nnmod(A mod N)")
            return BN_is_zero(remainder) == 1
        }
        return zero ? nil : bytes
    }

    /// `u = H(PAD(A) || PAD(B))`, as the 32-byte digest.
    public static func scrambler(clientPublic a: [UInt8], serverPublic b: [UInt8]) -> [UInt8] {
        Digest.sha256(SRPGroup.padded(a) + SRPGroup.padded(b))
    }

    /// `S = (A · v^u)^b mod N`, minimal bytes.
    public static func premasterSecret(
        clientPublic a: [UInt8], verifier: [UInt8], scrambler u: [UInt8], privateValue b: [UInt8]
    ) -> [UInt8] {
        BigNumbers.compute { numbers in
            let n = numbers.prime(), bigA = numbers.from(a), v = numbers.from(verifier), scrambler = numbers.from(u)
            let secret = numbers.from(b, secret: true)
            let vu = numbers.new(), base = numbers.new(), s = numbers.new()
            check(BN_mod_exp(vu, v, scrambler, n, numbers.context), "BN_mod_exp(v^u)")
            check(BN_mod_mul(base, bigA, vu, n, numbers.context), "BN_mod_mul(A·v^u)")
            check(BN_mod_exp(s, base, secret, n, numbers.context), "BN_mod_exp((A·v^u)^b)")
            return numbers.bytes(s)
        }
    }

    /// The 16-byte session key `K` for this exchange, or nil when `u` is zero (the protocol
    /// aborts then).
    public static func sessionKey(
        clientPublic a: [UInt8], ephemeral: Ephemeral, verifier: [UInt8]
    ) -> [UInt8]? {
        let u = minimal(scrambler(clientPublic: a, serverPublic: ephemeral.publicValue))
        guard !u.isEmpty else { return nil }
        let s = premasterSecret(clientPublic: a, verifier: verifier, scrambler: u, privateValue: ephemeral.privateValue)
        return hkdfSHA256(key: SRPGroup.padded(s), salt: SRPGroup.padded(u), info: keyDerivationInfo, length: keyByteCount)
    }

    /// HMAC-SHA256(K, poolName || userIdForSrp || secretBlock || timestamp): what the client sends,
    /// base64-encoded, as PASSWORD_CLAIM_SIGNATURE.
    public static func claimSignature(
        key: [UInt8], poolName: String, userIdForSrp: String, secretBlock: [UInt8], timestamp: String
    ) -> [UInt8] {
        Digest.hmacSHA256(
            key: key, message: Array(poolName.utf8) + Array(userIdForSrp.utf8) + secretBlock + Array(timestamp.utf8))
    }

    /// True when `provided` is the claim signature for these values (compared in constant time).
    public static func verifyClaim(
        _ provided: [UInt8], key: [UInt8], poolName: String, userIdForSrp: String, secretBlock: [UInt8], timestamp: String
    ) -> Bool {
        let expected = claimSignature(
            key: key, poolName: poolName, userIdForSrp: userIdForSrp, secretBlock: secretBlock, timestamp: timestamp)
        return Digest.constantTimeEquals(provided, expected)
    }

    /// HKDF with SHA-256 (RFC 5869) through libcrypto's EVP_PKEY HKDF.
    public static func hkdfSHA256(key: [UInt8], salt: [UInt8], info: [UInt8], length: Int) -> [UInt8] {
        guard let context = EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nil) else { fatalError("\(CryptoError("EVP_PKEY_CTX_new_id(HKDF)"))") }
        defer { EVP_PKEY_CTX_free(context) }
        var output = [UInt8](repeating: 0, count: length)
        var written = length
        // libcrypto copies each input; an empty one still needs a valid pointer.
        let one: [UInt8] = [0]
        let status = key.withUnsafeBufferPointer { keyBytes in
            salt.withUnsafeBufferPointer { saltBytes in
                info.withUnsafeBufferPointer { infoBytes in
                    one.withUnsafeBufferPointer { fallback in
                        EVP_PKEY_derive_init(context) == 1
                            && EVP_PKEY_CTX_set_hkdf_md(context, EVP_sha256()) == 1
                            && EVP_PKEY_CTX_set1_hkdf_salt(context, saltBytes.baseAddress ?? fallback.baseAddress, Int32(salt.count)) == 1
                            && EVP_PKEY_CTX_set1_hkdf_key(context, keyBytes.baseAddress ?? fallback.baseAddress, Int32(key.count)) == 1
                            && EVP_PKEY_CTX_add1_hkdf_info(context, infoBytes.baseAddress ?? fallback.baseAddress, Int32(info.count)) == 1
                            && EVP_PKEY_derive(context, &output, &written) == 1
                    }
                }
            }
        }
        precondition(status && written == length, "\(CryptoError("EVP_PKEY_derive(HKDF)"))")
        return output
    }

    // MARK: - Hex and byte forms

    /// Big-endian bytes without leading zeros of the hex number `hex` (upper or lower case, no
    /// sign, no prefix), or nil when it is empty, longer than `maxDigits` or not hex.
    public static func bytes(hex: String, maxDigits: Int) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard !digits.isEmpty, digits.count <= maxDigits else { return nil }
        var values: [UInt8] = []
        values.reserveCapacity(digits.count)
        for digit in digits {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): values.append(digit - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): values.append(digit - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): values.append(digit - UInt8(ascii: "A") + 10)
            default: return nil
            }
        }
        if values.count % 2 == 1 { values.insert(0, at: 0) }
        var result: [UInt8] = []
        result.reserveCapacity(values.count / 2)
        for index in stride(from: 0, to: values.count, by: 2) { result.append(values[index] << 4 | values[index + 1]) }
        return minimal(result)
    }

    /// Lower-case hex of `bytes` with leading zero digits dropped ("0" for zero), as Cognito sends SRP_B.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        let trimmed = text.drop { $0 == UInt8(ascii: "0") }
        return trimmed.isEmpty ? "0" : String(decoding: trimmed, as: UTF8.self)
    }

    /// `bytes` without leading zero bytes (the empty array for zero).
    public static func minimal(_ bytes: [UInt8]) -> [UInt8] {
        Array(bytes.drop { $0 == 0 })
    }

    private static func check(_ status: Int32, _ operation: String) {
        precondition(status == 1, "\(CryptoError(operation))")
    }
}

/// One computation's big numbers: every BIGNUM comes from a `BN_CTX` frame that lives exactly as
/// long as the computation, so no number can be freed while libcrypto still uses it. The context is
/// a secure one: its numbers are cleared when released (the private value among them).
private struct BigNumbers {
    let context: OpaquePointer

    static func compute<T>(_ body: (BigNumbers) -> T) -> T {
        guard let context = BN_CTX_secure_new() else { preconditionFailure("BN_CTX_secure_new failed") }
        BN_CTX_start(context)
        defer {
            BN_CTX_end(context)
            BN_CTX_free(context)
        }
        return body(BigNumbers(context: context))
    }

    func new() -> OpaquePointer {
        guard let number = BN_CTX_get(context) else { preconditionFailure("BN_CTX_get failed") }
        return number
    }

    /// From big-endian bytes; `secret` marks an exponent for libcrypto's constant-time exponentiation.
    func from(_ bytes: [UInt8], secret: Bool = false) -> OpaquePointer {
        let number = new()
        let result = bytes.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress, Int32($0.count), number) }
        precondition(result != nil, "BN_bin2bn failed")
        if secret { BN_set_flags(number, BN_FLG_CONSTTIME) }
        return number
    }

    func word(_ value: UInt) -> OpaquePointer {
        let number = new()
        precondition(BN_set_word(number, value) == 1, "BN_set_word failed")
        return number
    }

    /// RFC 3526's 3072-bit MODP prime (the group of spec section 10).
    func prime() -> OpaquePointer {
        let number = new()
        precondition(BN_get_rfc3526_prime_3072(number) != nil, "BN_get_rfc3526_prime_3072 failed")
        return number
    }

    /// Big-endian bytes without leading zeros (empty for zero).
    func bytes(_ number: OpaquePointer) -> [UInt8] {
        let count = Int((BN_num_bits(number) + 7) / 8)
        var output = [UInt8](repeating: 0, count: count)
        if count > 0 { precondition(BN_bn2bin(number, &output) == Int32(count), "BN_bn2bin failed") }
        return output
    }
}
