import CLibCrypto

/// An RSA private key (2048-bit for Cognito pools), kept in SQLite as PKCS#8 PEM.
///
/// Immutable after init, hence `@unchecked Sendable`; several threads may sign with one key at once.
/// See `RSAPublicKey` for the OpenSSL evidence that a shared, never-modified `EVP_PKEY` is safe;
/// RSA blinding state, the one thing signing updates inside the key, is kept under OpenSSL's own
/// lock (openssl/openssl#17335).
public final class RSAPrivateKey: @unchecked Sendable {
    /// Owned `EVP_PKEY *`, freed in deinit.
    private let key: OpaquePointer
    /// The public half, extracted once at init.
    public let publicKey: RSAPublicKey

    /// Takes ownership of `key`: checks it is RSA of at least 2048 bits and extracts its public half; frees it on failure.
    private static func adopt(_ key: OpaquePointer) throws -> (OpaquePointer, RSAPublicKey) {
        do {
            try RSAKeyMaterial.requireRSA(key)
            let publicKey = try RSAPublicKey(
                modulus: RSAKeyMaterial.integer(OSSL_PKEY_PARAM_RSA_N, of: key),
                exponent: RSAKeyMaterial.integer(OSSL_PKEY_PARAM_RSA_E, of: key))
            return (key, publicKey)
        } catch {
            EVP_PKEY_free(key)
            throw error
        }
    }

    private init(adopted: (key: OpaquePointer, publicKey: RSAPublicKey)) {
        self.key = adopted.key
        self.publicKey = adopted.publicKey
    }

    deinit { EVP_PKEY_free(key) }

    /// A fresh key with public exponent 65537 (OpenSSL's default). `bits` below 2048 throws (RFC 7518 section 3.3).
    public static func generate(bits: Int = 2048) throws -> RSAPrivateKey {
        guard bits >= Int(RSAKeyMaterial.minimumBits), bits <= 16384 else {
            throw CryptoError("RSA key generation", reason: "\(bits) bits is outside 2048...16384")
        }
        guard let context = EVP_PKEY_CTX_new_from_name(nil, "RSA", nil) else { throw CryptoError("EVP_PKEY_CTX_new_from_name(RSA)") }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen_init(context) == 1,
              EVP_PKEY_CTX_set_rsa_keygen_bits(context, Int32(bits)) == 1,
              EVP_PKEY_generate(context, &key) == 1, let key
        else { throw CryptoError("EVP_PKEY_generate(RSA)") }
        return RSAPrivateKey(adopted: try adopt(key))
    }

    /// Loads an unencrypted private key in PEM form: PKCS#8 ("BEGIN PRIVATE KEY") as
    /// `pemRepresentation` writes it, or the older PKCS#1 ("BEGIN RSA PRIVATE KEY").
    /// Throws `CryptoError` for anything else, including encrypted keys (no passphrase is ever asked for).
    public convenience init(pem: String) throws {
        let text = Array(pem.utf8)
        let loaded: OpaquePointer? = RSAKeyMaterial.withBytes(text) { pointer, count in
            guard let bio = BIO_new_mem_buf(pointer, Int32(clamping: count)) else { return nil }
            defer { BIO_free(bio) }
            // The callback refuses to supply a passphrase, so OpenSSL never prompts on a terminal.
            return PEM_read_bio_PrivateKey(bio, nil, { _, _, _, _ in 0 }, nil)
        }
        guard let loaded else { throw CryptoError("PEM_read_bio_PrivateKey") }
        self.init(adopted: try Self.adopt(loaded))
    }

    /// Test-only: a key from the RFC 7517/7518 JWK private members (n, e, d, p, q, dp, dq, qi),
    /// each big-endian, checked for consistency by `EVP_PKEY_check`.
    convenience init(
        modulus: [UInt8], publicExponent: [UInt8], privateExponent: [UInt8], prime1: [UInt8], prime2: [UInt8],
        exponent1: [UInt8], exponent2: [UInt8], coefficient: [UInt8]
    ) throws {
        let key = try RSAKeyMaterial.makeKey(
            [
                (OSSL_PKEY_PARAM_RSA_N, modulus), (OSSL_PKEY_PARAM_RSA_E, publicExponent),
                (OSSL_PKEY_PARAM_RSA_D, privateExponent), (RSAKeyMaterial.factor1, prime1),
                (RSAKeyMaterial.factor2, prime2), (RSAKeyMaterial.exponent1, exponent1),
                (RSAKeyMaterial.exponent2, exponent2), (RSAKeyMaterial.coefficient1, coefficient),
            ], selection: RSAKeyMaterial.selectKeyPair)
        do { try RSAKeyMaterial.check(key, includingPrivate: true) } catch { EVP_PKEY_free(key); throw error }
        self.init(adopted: try Self.adopt(key))
    }

    /// The key as unencrypted PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----", RFC 7468 section 10).
    public var pemRepresentation: String {
        guard let bio = BIO_new(BIO_s_mem()) else { fatalError("BIO_new failed: \(CryptoError("BIO_new"))") }
        defer { BIO_free(bio) }
        // Writing only reads the key; an in-memory BIO fails only when memory is exhausted.
        guard PEM_write_bio_PrivateKey(bio, key, nil, nil, 0, nil, nil) == 1 else {
            fatalError("\(CryptoError("PEM_write_bio_PrivateKey"))")
        }
        var pem = [UInt8](repeating: 0, count: Int(BIO_ctrl_pending(bio)))
        let read = pem.withUnsafeMutableBytes { BIO_read(bio, $0.baseAddress, Int32($0.count)) }
        precondition(read == Int32(pem.count), "BIO_read returned a short PEM")
        return String(decoding: pem, as: UTF8.self)
    }

    /// RSASSA-PKCS1-v1_5 signature with SHA-256 of `message` (RFC 8017 section 8.2.1; JWS "RS256",
    /// RFC 7518 section 3.3). Deterministic: the same key and message always give the same bytes.
    public func signRS256(_ message: [UInt8]) throws -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw CryptoError("EVP_MD_CTX_new") }
        defer { EVP_MD_CTX_free(context) }
        var keyContext: OpaquePointer?
        guard EVP_DigestSignInit_ex(context, &keyContext, "SHA256", nil, nil, key, nil) == 1 else {
            throw CryptoError("EVP_DigestSignInit_ex")
        }
        // RS256 is PKCS#1 v1.5 padding (OpenSSL's default for RSA, set explicitly so it never drifts to PSS).
        guard EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PADDING) == 1 else {
            throw CryptoError("EVP_PKEY_CTX_set_rsa_padding")
        }
        var length = 0
        guard EVP_DigestSign(context, nil, &length, nil, 0) == 1 else { throw CryptoError("EVP_DigestSign(size)") }
        var signature = [UInt8](repeating: 0, count: length)
        let status = RSAKeyMaterial.withBytes(message) { EVP_DigestSign(context, &signature, &length, $0, $1) }
        guard status == 1 else { throw CryptoError("EVP_DigestSign") }
        return Array(signature.prefix(length))
    }
}
