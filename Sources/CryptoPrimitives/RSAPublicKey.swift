import CLibCrypto

/// An RSA public key, as published in a pool's JWKS (`n`, `e`) and used to check RS256 signatures.
///
/// Immutable after init, hence `@unchecked Sendable`: the wrapped `EVP_PKEY` is only ever passed to
/// operations that read it. openssl-threads(7) says objects are thread-safe as long as the APIs
/// invoked don't modify them, and OpenSSL's maintainers confirm that sharing an unmodified
/// `EVP_PKEY` across threads is supported (openssl/openssl#16496; its provider-key cache is locked
/// since openssl/openssl#13987). Legacy accessors such as `EVP_PKEY_get0_RSA` would downgrade
/// (mutate) the key and are deliberately never called (openssl/openssl#14020).
public final class RSAPublicKey: @unchecked Sendable {
    /// Owned `EVP_PKEY *`, freed in deinit.
    let key: OpaquePointer
    /// Big-endian modulus `n`, no leading zero byte (the JWK `n` of RFC 7518 section 6.3.1.1).
    public let modulus: [UInt8]
    /// Big-endian public exponent `e`, no leading zero byte ([1, 0, 1] for 65537).
    public let exponent: [UInt8]

    /// A key from the JWK members `n` and `e` (big-endian unsigned integers; leading zeros are tolerated).
    /// Throws `CryptoError` when libcrypto rejects the values or the modulus is shorter than 2048 bits.
    public init(modulus: [UInt8], exponent: [UInt8]) throws {
        let key = try RSAKeyMaterial.makeKey(
            [(OSSL_PKEY_PARAM_RSA_N, modulus), (OSSL_PKEY_PARAM_RSA_E, exponent)], selection: RSAKeyMaterial.selectPublicKey)
        do {
            try RSAKeyMaterial.requireRSA(key)
            try RSAKeyMaterial.check(key, includingPrivate: false)
            self.modulus = try RSAKeyMaterial.integer(OSSL_PKEY_PARAM_RSA_N, of: key)
            self.exponent = try RSAKeyMaterial.integer(OSSL_PKEY_PARAM_RSA_E, of: key)
        } catch {
            EVP_PKEY_free(key)
            throw error
        }
        self.key = key
    }

    deinit { EVP_PKEY_free(key) }

    /// True when `signature` is a valid RSASSA-PKCS1-v1_5 signature with SHA-256 of `message`
    /// (RFC 8017 section 8.2.2; JWS "RS256", RFC 7518 section 3.3). Any failure, including a
    /// signature of the wrong length, is simply false.
    public func verifyRS256(_ message: [UInt8], signature: [UInt8]) -> Bool {
        guard let context = EVP_MD_CTX_new() else { ERR_clear_error(); return false }
        defer { EVP_MD_CTX_free(context) }
        var keyContext: OpaquePointer?
        guard EVP_DigestVerifyInit_ex(context, &keyContext, "SHA256", nil, nil, key, nil) == 1,
              EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PADDING) == 1
        else { ERR_clear_error(); return false }
        let status = RSAKeyMaterial.withBytes(signature) { signaturePointer, signatureCount in
            RSAKeyMaterial.withBytes(message) { EVP_DigestVerify(context, signaturePointer, signatureCount, $0, $1) }
        }
        // A bad signature queues errors on this thread; they are expected, not worth keeping.
        if status != 1 { ERR_clear_error() }
        return status == 1
    }
}
