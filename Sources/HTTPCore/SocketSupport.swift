#if canImport(Glibc)
import Glibc
#endif

/// Why the server could not start.
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// Thin wrappers over the Glibc socket calls the server uses. Every one retries on EINTR.
enum SocketSupport {
    static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// Sends all of `bytes`, resuming after partial writes. False when the peer is gone or the
    /// send timeout (`SO_SNDTIMEO`) passed. `MSG_NOSIGNAL`: a reset peer must not raise SIGPIPE.
    static func sendAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, flags: Int32 = 0) -> Bool {
        guard var next = bytes.baseAddress else { return true }
        var remaining = bytes.count
        while remaining > 0 {
            let sent = send(fd, next, remaining, Int32(MSG_NOSIGNAL) | flags)
            if sent < 0 {
                if errno == EINTR { continue }
                return false
            }
            next += sent
            remaining -= sent
        }
        return true
    }

    static func sendAll(_ fd: Int32, _ bytes: [UInt8], flags: Int32 = 0) -> Bool {
        bytes.withUnsafeBytes { sendAll(fd, $0, flags: flags) }
    }

    static func setOption(_ fd: Int32, _ level: Int32, _ name: Int32, _ value: Int32) {
        var value = value
        _ = setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
    }

    /// `SO_RCVTIMEO` / `SO_SNDTIMEO`; zero or less means no timeout.
    static func setTimeout(_ fd: Int32, _ name: Int32, seconds: Double) {
        let clamped = seconds > 0 ? min(seconds, 86_400 * 365) : 0
        var time = timeval(tv_sec: Int(clamped), tv_usec: Int((clamped - clamped.rounded(.down)) * 1_000_000))
        _ = setsockopt(fd, SOL_SOCKET, name, &time, socklen_t(MemoryLayout<timeval>.size))
    }

    enum WaitResult { case readable, timedOut, failed }

    /// Waits until `fd` has bytes (or EOF, or an error) to read, for at most `seconds`.
    static func waitReadable(_ fd: Int32, seconds: Double) -> WaitResult {
        let deadline = monotonicSeconds() + seconds
        while true {
            let remaining = deadline - monotonicSeconds()
            guard remaining > 0 else { return .timedOut }  // also catches NaN
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(min(remaining * 1000, 3_600_000).rounded(.up)))
            if ready > 0 { return .readable }
            if ready == 0 { continue }  // woke up early by rounding: re-check the deadline
            if errno == EINTR { continue }
            return .failed
        }
    }

    static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// Resolves `host` (numeric IPv4/IPv6 or a name such as `localhost`), then binds and listens on
    /// the first address that works, with `SO_REUSEADDR` so a restart does not wait out TIME_WAIT.
    /// Returns the listening descriptor and the bound port (the kernel's choice when `port` is 0).
    static func listen(host: String, port: UInt16, backlog: Int32) throws -> (fd: Int32, port: UInt16) {
        let display = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw HTTPServerError(description: "cannot listen on \(display): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(first) }
        var lastError: Int32 = EADDRNOTAVAIL
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let address = candidate?.pointee {
            candidate = address.ai_next
            let fd = socket(address.ai_family, address.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), address.ai_protocol)
            guard fd >= 0 else { lastError = errno; continue }
            setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1)
            guard bind(fd, address.ai_addr, address.ai_addrlen) == 0, Glibc.listen(fd, backlog) == 0 else {
                lastError = errno
                close(fd)
                continue
            }
            return (fd, boundPort(fd) ?? port)
        }
        throw HTTPServerError(description: "cannot listen on \(display): \(errorText(lastError))")
    }

    private static func boundPort(_ fd: Int32) -> UInt16? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard result == 0 else { return nil }
        return withUnsafePointer(to: &storage) { pointer -> UInt16? in
            switch Int32(pointer.pointee.ss_family) {
            case AF_INET: pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
            case AF_INET6: pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
            default: nil
            }
        }
    }
}
