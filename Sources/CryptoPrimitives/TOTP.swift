/// One-time passwords: HOTP (RFC 4226) and TOTP (RFC 6238) with HMAC-SHA1, as authenticator apps
/// and Amazon Cognito use them (6 digits, 30-second steps, Unix epoch origin).
public enum TOTP {
    /// RFC 6238 section 4: X, the step in seconds (Cognito and authenticator apps use the default 30).
    public static let stepSeconds: Double = 30

    /// RFC 6238 section 4.2: T = floor((time - T0) / X) with T0 = 0.
    public static func timeStep(at time: Double) -> Int64 {
        Int64(saturatingFloor: time / stepSeconds)
    }

    /// RFC 6238 section 4.2: the HOTP value of the time step, `digits` long (6 by default).
    public static func code(secret: [UInt8], atTimeStep step: Int64, digits: Int = 6) -> String {
        hotp(secret: secret, counter: UInt64(bitPattern: step), digits: digits)
    }

    /// RFC 4226 section 5.3: HMAC-SHA1 of the 8-byte big-endian counter, dynamic truncation to
    /// 31 bits, then the low `digits` decimal digits with leading zeros.
    public static func hotp(secret: [UInt8], counter: UInt64, digits: Int = 6) -> String {
        precondition((1...9).contains(digits), "HOTP values have 1 to 9 digits")
        let message = (0..<8).map { UInt8(truncatingIfNeeded: counter >> (56 - 8 * UInt64($0))) }
        let mac = Digest.hmacSHA1(key: secret, message: message)
        // Dynamic truncation: the low 4 bits of the last byte give the offset of 4 bytes, whose
        // top bit is masked off.
        let offset = Int(mac[19] & 0x0F)
        let binary = (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let value = String(binary % modulus)
        return String(repeating: "0", count: digits - value.count) + value
    }
}
