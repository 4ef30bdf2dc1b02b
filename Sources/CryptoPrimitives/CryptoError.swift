import CLibCrypto

/// A libcrypto call failed. Carries the operation that failed and the text of every entry that was
/// on this thread's OpenSSL error queue at the time; reading the queue empties it, so one failure's
/// reasons never leak into the next error reported on the same thread.
public struct CryptoError: Error, CustomStringConvertible, Sendable {
    /// What this module was doing, such as "PEM_read_bio_PrivateKey".
    public let operation: String
    /// The OpenSSL error strings, oldest first (may be empty when libcrypto queued nothing).
    public let reasons: [String]

    /// Captures and clears the calling thread's OpenSSL error queue.
    init(_ operation: String) {
        self.operation = operation
        self.reasons = CryptoError.drainErrorQueue()
    }

    /// An error detected by this module itself; still empties the queue so nothing stale remains.
    init(_ operation: String, reason: String) {
        self.operation = operation
        self.reasons = CryptoError.drainErrorQueue() + [reason]
    }

    public var description: String {
        reasons.isEmpty ? "\(operation) failed" : "\(operation) failed: \(reasons.joined(separator: "; "))"
    }

    /// Pops every entry from the thread-local queue (`ERR_get_error`) and renders it with
    /// `ERR_error_string_n`, which never writes past the buffer it is given.
    static func drainErrorQueue() -> [String] {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return reasons
    }
}
