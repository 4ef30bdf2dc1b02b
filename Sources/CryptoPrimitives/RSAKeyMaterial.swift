import CLibCrypto
#if canImport(Glibc)
import Glibc
#endif

/// Shared plumbing for the RSA key classes: building an `EVP_PKEY` from big-endian integers
/// (`OSSL_PARAM_BLD` + `EVP_PKEY_fromdata`) and reading its integers back. Every OpenSSL object
/// made here is freed here; only the returned `EVP_PKEY` changes owner.
enum RSAKeyMaterial {
    /// RFC 7518 section 3.3: "A key of size 2048 bits or larger MUST be used with these algorithms."
    static let minimumBits: Int32 = 2048

    // Swift cannot import macros built from other macros; these spell out their definitions.
    /// `EVP_PKEY_PUBLIC_KEY` (evp.h): all domain/other parameters plus the public key.
    static let selectPublicKey = Int32(
        OSSL_KEYMGMT_SELECT_DOMAIN_PARAMETERS | OSSL_KEYMGMT_SELECT_OTHER_PARAMETERS | OSSL_KEYMGMT_SELECT_PUBLIC_KEY)
    /// `EVP_PKEY_KEYPAIR` (evp.h): `EVP_PKEY_PUBLIC_KEY` plus the private key.
    static let selectKeyPair = selectPublicKey | Int32(OSSL_KEYMGMT_SELECT_PRIVATE_KEY)
    /// `OSSL_PKEY_PARAM_RSA_FACTOR1` ... `COEFFICIENT1` (core_names.h): the two-prime CRT parameters.
    static let factor1 = OSSL_PKEY_PARAM_RSA_FACTOR + "1", factor2 = OSSL_PKEY_PARAM_RSA_FACTOR + "2"
    static let exponent1 = OSSL_PKEY_PARAM_RSA_EXPONENT + "1", exponent2 = OSSL_PKEY_PARAM_RSA_EXPONENT + "2"
    static let coefficient1 = OSSL_PKEY_PARAM_RSA_COEFFICIENT + "1"

    /// A new `EVP_PKEY` holding the named RSA parameters (`OSSL_PKEY_PARAM_RSA_*` names), owned by the caller.
    /// `selection` is `selectPublicKey` or `selectKeyPair`. Private values are cleared from
    /// memory when their bignums are freed.
    static func makeKey(_ parameters: [(name: String, value: [UInt8])], selection: Int32) throws -> OpaquePointer {
        guard let builder = OSSL_PARAM_BLD_new() else { throw CryptoError("OSSL_PARAM_BLD_new") }
        defer { OSSL_PARAM_BLD_free(builder) }
        // The builder keeps pointers to both the names and the bignums until OSSL_PARAM_BLD_to_param
        // copies them, so neither may be a temporary (Swift's String-to-char* bridge lasts one call).
        var names: [UnsafeMutablePointer<CChar>] = []
        var numbers: [OpaquePointer] = []
        defer {
            numbers.forEach { BN_clear_free($0) }
            names.forEach { free($0) }
        }
        for (name, value) in parameters {
            guard !value.isEmpty else { throw CryptoError("RSA key import", reason: "parameter \(name) is empty") }
            guard let cName = strdup(name) else { throw CryptoError("strdup", reason: "out of memory") }
            names.append(cName)
            guard let number = value.withUnsafeBufferPointer({ BN_bin2bn($0.baseAddress, Int32($0.count), nil) }) else {
                throw CryptoError("BN_bin2bn")
            }
            numbers.append(number)
            guard OSSL_PARAM_BLD_push_BN(builder, cName, number) == 1 else { throw CryptoError("OSSL_PARAM_BLD_push_BN(\(name))") }
        }
        guard let params = OSSL_PARAM_BLD_to_param(builder) else { throw CryptoError("OSSL_PARAM_BLD_to_param") }
        defer { OSSL_PARAM_free(params) }
        guard let context = EVP_PKEY_CTX_new_from_name(nil, "RSA", nil) else { throw CryptoError("EVP_PKEY_CTX_new_from_name(RSA)") }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer?
        guard EVP_PKEY_fromdata_init(context) == 1, EVP_PKEY_fromdata(context, &key, selection, params) == 1, let key else {
            throw CryptoError("EVP_PKEY_fromdata")
        }
        return key
    }

    /// Runs libcrypto's consistency checks on a freshly imported key (`EVP_PKEY_public_check`, or
    /// `EVP_PKEY_check` for a key pair), so an inconsistent JWK fails at import rather than at use.
    static func check(_ key: OpaquePointer, includingPrivate: Bool) throws {
        guard let context = EVP_PKEY_CTX_new_from_pkey(nil, key, nil) else { throw CryptoError("EVP_PKEY_CTX_new_from_pkey") }
        defer { EVP_PKEY_CTX_free(context) }
        let status = includingPrivate ? EVP_PKEY_check(context) : EVP_PKEY_public_check(context)
        guard status == 1 else { throw CryptoError(includingPrivate ? "EVP_PKEY_check" : "EVP_PKEY_public_check") }
    }

    /// Throws unless `key` is an RSA key of at least `minimumBits`.
    static func requireRSA(_ key: OpaquePointer) throws {
        guard EVP_PKEY_is_a(key, "RSA") == 1 else { throw CryptoError("RSA key import", reason: "the key is not an RSA key") }
        let bits = EVP_PKEY_get_bits(key)
        guard bits >= minimumBits else {
            throw CryptoError("RSA key import", reason: "a \(bits)-bit key is shorter than the \(minimumBits) bits RFC 7518 requires")
        }
    }

    /// The integer parameter `name` of `key`, big-endian without leading zero bytes.
    static func integer(_ name: String, of key: OpaquePointer) throws -> [UInt8] {
        var number: OpaquePointer?
        guard EVP_PKEY_get_bn_param(key, name, &number) == 1, let number else { throw CryptoError("EVP_PKEY_get_bn_param(\(name))") }
        defer { BN_free(number) }
        var bytes = [UInt8](repeating: 0, count: Int((BN_num_bits(number) + 7) / 8))
        guard BN_bn2bin(number, &bytes) == Int32(bytes.count) else { throw CryptoError("BN_bn2bin") }
        return bytes
    }

    /// Calls `body` with a pointer that is never nil, even for an empty array (libcrypto treats a
    /// NULL input buffer as "no buffer", not as "zero bytes").
    static func withBytes<R>(_ bytes: [UInt8], _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
        if bytes.isEmpty {
            return withUnsafePointer(to: UInt8(0)) { body($0, 0) }
        }
        return bytes.withUnsafeBufferPointer { body($0.baseAddress!, $0.count) }
    }
}
