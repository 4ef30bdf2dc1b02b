import CLibCrypto
import Glibc

/// A P-256 public key (COSE ES256, RFC 9053 section 2.1; WebAuthn passkeys), used to check ECDSA
/// SHA-256 signatures. Immutable after init, hence `@unchecked Sendable` (see `RSAPublicKey`).
public final class ECPublicKey: @unchecked Sendable {
    /// Owned `EVP_PKEY *`, freed in deinit.
    let key: OpaquePointer

    /// A key from its affine coordinates `x` and `y` (32 bytes each). Throws `CryptoError` when they
    /// are not a point on P-256 (`EVP_PKEY_public_check`).
    public init(p256X x: [UInt8], y: [UInt8]) throws {
        guard x.count == 32, y.count == 32 else { throw CryptoError("EC key import", reason: "coordinates must be 32 bytes") }
        let point: [UInt8] = [0x04] + x + y  // SEC 1 uncompressed form
        guard let builder = OSSL_PARAM_BLD_new() else { throw CryptoError("OSSL_PARAM_BLD_new") }
        defer { OSSL_PARAM_BLD_free(builder) }
        // The builder keeps the pointers until OSSL_PARAM_BLD_to_param copies them: no temporaries.
        guard let groupName = strdup("prime256v1"), let groupKey = strdup(OSSL_PKEY_PARAM_GROUP_NAME),
            let pointKey = strdup(OSSL_PKEY_PARAM_PUB_KEY)
        else { throw CryptoError("strdup", reason: "out of memory") }
        defer { free(groupName); free(groupKey); free(pointKey) }
        let pointBuffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: point.count)
        defer { pointBuffer.deallocate() }
        _ = pointBuffer.initialize(from: point)
        guard OSSL_PARAM_BLD_push_utf8_string(builder, groupKey, groupName, 0) == 1,
            OSSL_PARAM_BLD_push_octet_string(builder, pointKey, pointBuffer.baseAddress, point.count) == 1,
            let params = OSSL_PARAM_BLD_to_param(builder)
        else { throw CryptoError("OSSL_PARAM_BLD (EC)") }
        defer { OSSL_PARAM_free(params) }
        guard let context = EVP_PKEY_CTX_new_from_name(nil, "EC", nil) else { throw CryptoError("EVP_PKEY_CTX_new_from_name(EC)") }
        defer { EVP_PKEY_CTX_free(context) }
        var made: OpaquePointer?
        guard EVP_PKEY_fromdata_init(context) == 1, EVP_PKEY_fromdata(context, &made, RSAKeyMaterial.selectPublicKey, params) == 1,
            let made
        else {
            ERR_clear_error()
            throw CryptoError("EVP_PKEY_fromdata(EC)")
        }
        do {
            try RSAKeyMaterial.check(made, includingPrivate: false)
        } catch {
            EVP_PKEY_free(made)
            ERR_clear_error()
            throw error
        }
        key = made
    }

    deinit { EVP_PKEY_free(key) }

    /// True when `signature` (DER `ECDSA-Sig-Value`, as WebAuthn carries ES256 signatures) is a valid
    /// ECDSA signature with SHA-256 of `message`. Any failure is simply false.
    public func verifyES256(_ message: [UInt8], signature: [UInt8]) -> Bool {
        guard let context = EVP_MD_CTX_new() else { ERR_clear_error(); return false }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit_ex(context, nil, "SHA256", nil, nil, key, nil) == 1 else { ERR_clear_error(); return false }
        let status = RSAKeyMaterial.withBytes(signature) { signaturePointer, signatureCount in
            RSAKeyMaterial.withBytes(message) { EVP_DigestVerify(context, signaturePointer, signatureCount, $0, $1) }
        }
        if status != 1 { ERR_clear_error() }
        return status == 1
    }
}
