import CLibCrypto

/// The password secret Cognito keeps per user for SRP-6a (spec section 10): a random salt and
/// `v = g^x mod N` with `x = SHA256(PAD(salt) || SHA256(poolName || userId || ":" || password))`,
/// over the 3072-bit group of RFC 5054 / RFC 3526 with g = 2. The same verifier checks plain
/// passwords (USER_PASSWORD_AUTH and friends) by recomputing it, so no password is ever stored.
public enum SRPVerifier {
    /// A fresh verifier for `password`. `poolName` is the pool id without its `<region>_` prefix.
    public static func make(poolName: String, userId: String, password: String) -> (salt: [UInt8], verifier: [UInt8]) {
        // A first byte in 0x01...0x7F makes every client's hex and big-integer handling of SALT
        // agree: no leading zero to drop, no sign byte to add.
        var salt = SecureRandom.bytes(16)
        salt[0] = 1 + salt[0] % 127
        return (salt, verifier(poolName: poolName, userId: userId, password: password, salt: salt))
    }

    /// True when `password` produces the stored `verifier` with the stored `salt`.
    public static func matches(
        password: String, poolName: String, userId: String, salt: [UInt8], verifier stored: [UInt8]
    ) -> Bool {
        Digest.constantTimeEquals(verifier(poolName: poolName, userId: userId, password: password, salt: salt), stored)
    }

    /// `v = g^x mod N`, big-endian and padded to the length of N (384 bytes).
    public static func verifier(poolName: String, userId: String, password: String, salt: [UInt8]) -> [UInt8] {
        let inner = Digest.sha256(Array("\(poolName)\(userId):\(password)".utf8))
        let x = Digest.sha256(SRPGroup.padded(salt) + inner)
        return SRPGroup.modExpG(exponent: x)
    }
}

/// The SRP group shared by every Cognito user pool: RFC 3526's 3072-bit MODP prime with g = 2.
public enum SRPGroup {
    /// Size of N in bytes (verifiers are stored at this length).
    public static let byteCount = 384

    /// N itself, big-endian (384 bytes).
    public static var prime: [UInt8] {
        let n = BN_get_rfc3526_prime_3072(nil)
        defer { BN_free(n) }
        var output = [UInt8](repeating: 0, count: byteCount)
        precondition(BN_bn2binpad(n, &output, Int32(byteCount)) == Int32(byteCount), "BN_bn2binpad failed")
        return output
    }

    /// `g^exponent mod N`, big-endian, padded to `byteCount`.
    public static func modExpG(exponent: [UInt8]) -> [UInt8] {
        let context = BN_CTX_new()
        defer { BN_CTX_free(context) }
        let n = BN_get_rfc3526_prime_3072(nil)
        let g = BN_new()
        let x = exponent.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress, Int32($0.count), nil) }
        let result = BN_new()
        defer { BN_free(n); BN_free(g); BN_free(x); BN_free(result) }
        precondition(BN_set_word(g, 2) == 1 && BN_mod_exp(result, g, x, n, context) == 1, "BN_mod_exp failed")
        var output = [UInt8](repeating: 0, count: byteCount)
        precondition(BN_bn2binpad(result, &output, Int32(byteCount)) == Int32(byteCount), "BN_bn2binpad failed")
        return output
    }

    /// Cognito's PAD(): the big-endian bytes with a leading zero byte when the top bit is set
    /// (the two's-complement form its Java and JavaScript clients hash).
    public static func padded(_ bytes: [UInt8]) -> [UInt8] {
        guard let first = bytes.first else { return [0] }
        return first >= 0x80 ? [0] + bytes : bytes
    }
}
