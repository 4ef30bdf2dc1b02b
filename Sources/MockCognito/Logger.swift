import Glibc
import FoundationEssentials
import HTTPCore
import POSIXThreads

enum LogLevel: String, Sendable, Comparable {
    case debug, info, warning, error

    private var rank: Int {
        switch self {
        case .debug: 0
        case .info: 1
        case .warning: 2
        case .error: 3
        }
    }

    static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rank < rhs.rank }
}

/// Writes one line per event to stderr, whole lines only, in the order they were logged.
///
/// The per-request lines (`.info` through `request`) are the hot path: they are gathered in a
/// buffer that a background thread writes out every `flushInterval` (or sooner, once 64 KiB have
/// gathered), so a request costs a memcpy, not a `write(2)`. Every other line, and the outbox
/// messages tests read back at once, first writes out what is buffered and then itself, before
/// `log` returns. A `kill -9` can lose at most the last `flushInterval` of request lines.
struct Logger: Sendable {
    let minimumLevel: LogLevel
    private let sink: LogSink

    init(minimumLevel: LogLevel, flushInterval: Double = 0.05) {
        self.minimumLevel = minimumLevel
        sink = LogSink(flushInterval: flushInterval)
    }

    func log(_ level: LogLevel, _ message: String) {
        guard level >= minimumLevel else { return }
        sink.append(level.rawValue.uppercased(), message, urgent: true)
    }

    /// One request's line at `.info`, buffered (see the type's comment):
    /// `<time> INFO <operation>[ <error type>] <status> <milliseconds>ms <request id>`,
    /// written byte by byte into the buffer (no intermediate strings: this runs for every request).
    func request(_ label: String, _ errorType: String?, status: Int, micros: UInt64, requestId: String) {
        guard minimumLevel <= .info else { return }
        sink.appendLine { buffer in
            buffer.append(contentsOf: " INFO ".utf8)
            buffer.append(contentsOf: label.utf8)
            if let errorType {
                buffer.append(0x20)
                buffer.append(contentsOf: errorType.utf8)
            }
            buffer.append(0x20)
            Logger.appendDigits(status, width: 1, to: &buffer)
            buffer.append(0x20)
            Logger.appendDigits(Int(micros / 1000), width: 1, to: &buffer)
            buffer.append(0x2E)
            Logger.appendDigits(Int(micros % 1000), width: 3, to: &buffer)
            buffer.append(contentsOf: "ms ".utf8)
            buffer.append(contentsOf: requestId.utf8)
        }
    }

    /// Microseconds on the monotonic clock (request durations).
    static func monotonicMicros() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec / 1000)
    }

    /// `value` in decimal, zero-padded to at least `width` digits.
    static func appendDigits(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        var digits: [UInt8] = []
        var rest = max(value, 0)
        repeat {
            digits.append(UInt8(48 + rest % 10))
            rest /= 10
        } while rest > 0
        while digits.count < width { digits.append(48) }
        bytes.append(contentsOf: digits.reversed())
    }

    /// Start-up and shutdown lines, written whatever the level: scripts wait for "listening on".
    func announce(_ message: String) {
        sink.append("NOTICE", message, urgent: true)
    }

    /// Writes out whatever is buffered (before the process exits).
    func flush() { sink.flush() }

    /// UTC time with milliseconds (`2026-11-29T14:05:09.123Z`), without a DateFormatter per line.
    static func timestamp() -> String {
        var bytes: [UInt8] = []
        appendTimestamp(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func appendTimestamp(to bytes: inout [UInt8]) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func digits(_ value: Int, _ width: Int) { appendDigits(value, width: width, to: &bytes) }
        digits(Int(parts.tm_year) + 1900, 4); bytes.append(0x2D)
        digits(Int(parts.tm_mon) + 1, 2); bytes.append(0x2D)
        digits(Int(parts.tm_mday), 2); bytes.append(0x54)
        digits(Int(parts.tm_hour), 2); bytes.append(0x3A)
        digits(Int(parts.tm_min), 2); bytes.append(0x3A)
        digits(Int(parts.tm_sec), 2); bytes.append(0x2E)
        digits(Int(now.tv_nsec / 1_000_000), 3); bytes.append(0x5A)
    }
}

/// The buffer behind `Logger`: lines are appended under a lock and written to descriptor 2 under
/// the same lock, so they leave in the order they came and never interleave.
final class LogSink: Sendable {
    private let pending = LockedValue<[UInt8]>([])  // a pthread mutex (Mutex's slow path is costly here)
    private static let flushThreshold = 64 * 1024

    init(flushInterval: Double) {
        let micros = UInt32(max(flushInterval, 0.001) * 1_000_000)
        POSIXThread.start(stackSize: 256 * 1024) { [weak self] in
            while let sink = self {
                sink.flush()
                usleep(micros)
            }
        }
    }

    /// A buffered line: the timestamp, what `body` appends, a newline.
    func appendLine(_ body: (inout [UInt8]) -> Void) {
        pending.withLock { buffer in
            Logger.appendTimestamp(to: &buffer)
            body(&buffer)
            buffer.append(0x0A)
            if buffer.count >= Self.flushThreshold { Self.writeOut(&buffer) }
        }
    }

    func append(_ label: String, _ message: String, urgent: Bool) {
        pending.withLock { buffer in
            Logger.appendTimestamp(to: &buffer)
            buffer.append(0x20)
            buffer.append(contentsOf: label.utf8)
            buffer.append(0x20)
            buffer.append(contentsOf: message.utf8)
            buffer.append(0x0A)
            if urgent || buffer.count >= Self.flushThreshold { Self.writeOut(&buffer) }
        }
    }

    func flush() {
        pending.withLock { buffer in
            if !buffer.isEmpty { Self.writeOut(&buffer) }
        }
    }

    private static func writeOut(_ buffer: inout [UInt8]) {
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(2, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: buffer.count <= flushThreshold * 2)
    }
}
