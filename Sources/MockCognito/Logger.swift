import Foundation

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

/// Writes one line per event to stderr. Each line goes out in a single `write(2)`, so lines from
/// concurrent threads never interleave, and nothing is buffered that a crash could lose.
struct Logger: Sendable {
    let minimumLevel: LogLevel

    func log(_ level: LogLevel, _ message: String) {
        guard level >= minimumLevel else { return }
        emit(level.rawValue.uppercased(), message)
    }

    /// Start-up and shutdown lines, written whatever the level: scripts wait for "listening on".
    func announce(_ message: String) {
        emit("NOTICE", message)
    }

    private func emit(_ label: String, _ message: String) {
        var line = Self.timestamp()
        line += " "
        line += label
        line += " "
        line += message
        line += "\n"
        var bytes = Array(line.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return }
                offset += written
            }
        }
    }

    /// UTC time with milliseconds (`2026-11-29T14:05:09.123Z`), without a DateFormatter per line.
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))."
            + "\(pad(Int32(now.tv_nsec / 1_000_000), 3))Z"
    }
}
