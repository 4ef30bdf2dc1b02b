#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Request ids: lower-case UUID v4 text (`8-4-4-4-12` hex digits).
///
/// Foundation's `UUID()` reads /dev/urandom on every call on Linux (docs/architecture.md,
/// pitfall 5), so each thread keeps its own xoshiro256** state, seeded once from
/// `SystemRandomNumberGenerator`. The state lives behind a pthread key: no lock, no sharing.
/// Ids only need to be unique, not unpredictable.
public enum RequestID {
    public static func make() -> String {
        let state = threadState()
        let high = next(state)
        let low = next(state)
        var bytes = [UInt8](repeating: 0, count: 16)
        for offset in 0..<8 {
            bytes[offset] = UInt8(truncatingIfNeeded: high >> (56 - 8 * offset))
            bytes[8 + offset] = UInt8(truncatingIfNeeded: low >> (56 - 8 * offset))
        }
        bytes[6] = bytes[6] & 0x0F | 0x40  // version 4
        bytes[8] = bytes[8] & 0x3F | 0x80  // RFC 4122 variant
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(36)
        for (offset, byte) in bytes.enumerated() {
            if offset == 4 || offset == 6 || offset == 8 || offset == 10 { text.append(UInt8(ascii: "-")) }
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in free(pointer) }
        return key
    }()

    private static func threadState() -> UnsafeMutablePointer<UInt64> {
        if let existing = pthread_getspecific(key) {
            return existing.assumingMemoryBound(to: UInt64.self)
        }
        let state = malloc(4 * MemoryLayout<UInt64>.size)!.bindMemory(to: UInt64.self, capacity: 4)
        var system = SystemRandomNumberGenerator()
        repeat {
            for offset in 0..<4 { state[offset] = system.next() }
        } while state[0] | state[1] | state[2] | state[3] == 0
        pthread_setspecific(key, state)
        return state
    }

    /// xoshiro256** (Blackman and Vigna).
    private static func next(_ s: UnsafeMutablePointer<UInt64>) -> UInt64 {
        let result = rotate(s[1] &* 5, 7) &* 9
        let t = s[1] << 17
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotate(s[3], 45)
        return result
    }

    private static func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
