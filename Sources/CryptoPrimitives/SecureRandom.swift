import CLibCrypto

/// Cryptographically strong random values from libcrypto's `RAND_bytes`.
public enum SecureRandom {
    /// `count` random bytes. libcrypto's DRBG only fails when it cannot be seeded at all, in
    /// which case nothing secure can be made and stopping is the only honest answer.
    public static func bytes(_ count: Int) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return buffer }
        let status = buffer.withUnsafeMutableBytes {
            RAND_bytes($0.baseAddress!.assumingMemoryBound(to: UInt8.self), Int32(count))
        }
        precondition(status == 1, "RAND_bytes failed: the system random source is unavailable")
        return buffer
    }

    /// A string of `count` characters drawn uniformly from `alphabet` (rejection sampling, no modulo bias).
    public static func string(count: Int, from alphabet: [UInt8]) -> String {
        precondition(!alphabet.isEmpty && alphabet.count <= 256)
        let limit = 256 - (256 % alphabet.count)
        var result: [UInt8] = []
        result.reserveCapacity(count)
        while result.count < count {
            for byte in bytes(count * 2) where Int(byte) < limit && result.count < count {
                result.append(alphabet[Int(byte) % alphabet.count])
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    public static let alphanumerics = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
    public static let lowercaseAlphanumerics = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)
}
