#if canImport(Glibc)
import Glibc
#endif

/// A response as `HTTPClient` read it.
public struct HTTPClientResponse: Sendable {
    public let status: Int
    /// Header fields in arrival order (names as sent).
    public let headers: [(String, String)]
    public let body: [UInt8]

    /// The first value of header `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.0.lowercased() == wanted }?.1
    }
}

/// Why `HTTPClient` got no response.
public enum HTTPClientError: Error, Sendable, Equatable {
    /// Name resolution or the TCP connection failed (the text says why).
    case unreachable(String)
    /// The whole exchange took longer than its deadline.
    case timedOut
    /// The response was not HTTP/1.x or broke its own framing.
    case malformedResponse(String)
    /// The response was larger than the limit.
    case responseTooLarge
}

/// The server as a client: one HTTP/1.1 request per connection (`Connection: close`), blocking
/// Glibc sockets, one deadline for connect, send and receive together, and a cap on the response
/// size. No URLSession: FoundationNetworking would bring libcurl into a small binary.
public enum HTTPClient {
    /// Sends `method path` with `headers` and `body` to `host:port` and reads the whole response.
    public static func send(
        host: String, port: UInt16, method: String, path: String, headers: [(String, String)], body: [UInt8],
        timeout: Double, maxResponseBytes: Int
    ) throws(HTTPClientError) -> HTTPClientResponse {
        let deadline = SocketSupport.monotonicSeconds() + timeout
        let fd = try connect(host: host, port: port, deadline: deadline)
        defer { close(fd) }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(port == 80 ? host : "\(host):\(port)")\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        SocketSupport.setTimeout(fd, SO_SNDTIMEO, seconds: max(deadline - SocketSupport.monotonicSeconds(), 0.001))
        guard SocketSupport.sendAll(fd, Array(head.utf8) + body) else {
            if SocketSupport.monotonicSeconds() >= deadline { throw .timedOut }
            throw .unreachable("the connection closed while sending")
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            if let response = try parse(received, complete: false, limit: maxResponseBytes) { return response }
            switch SocketSupport.waitReadable(fd, seconds: deadline - SocketSupport.monotonicSeconds()) {
            case .timedOut: throw .timedOut
            case .failed: throw .unreachable(SocketSupport.errorText(errno))
            case .readable: break
            }
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreachable(SocketSupport.errorText(errno))
            }
            if count == 0 {
                guard let response = try parse(received, complete: true, limit: maxResponseBytes) else {
                    throw .malformedResponse("the connection closed before the response was complete")
                }
                return response
            }
            received += buffer[0..<count]
            guard received.count <= maxResponseBytes + 65_536 else { throw .responseTooLarge }
        }
    }

    /// Resolves `host` and connects to the first address that answers before `deadline`.
    static func connect(host: String, port: UInt16, deadline: Double) throws(HTTPClientError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw .unreachable("cannot resolve \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(first) }
        var lastError = "no address"
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let address = candidate?.pointee {
            candidate = address.ai_next
            let fd = socket(address.ai_family, address.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), address.ai_protocol)
            guard fd >= 0 else { lastError = SocketSupport.errorText(errno); continue }
            // The connect itself is bounded by the deadline through SO_SNDTIMEO (Linux applies it to connect).
            SocketSupport.setTimeout(fd, SO_SNDTIMEO, seconds: max(deadline - SocketSupport.monotonicSeconds(), 0.001))
            if Glibc.connect(fd, address.ai_addr, address.ai_addrlen) == 0 {
                SocketSupport.setOption(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
                return fd
            }
            let code = errno
            close(fd)
            if code == EINPROGRESS || code == EAGAIN || SocketSupport.monotonicSeconds() >= deadline { throw .timedOut }
            lastError = SocketSupport.errorText(code)
        }
        throw .unreachable("cannot connect to \(host):\(port): \(lastError)")
    }

    /// The response in `bytes` once it is complete (or, with `complete`, everything up to the close),
    /// nil while more is needed. Bodies: Content-Length, chunked, or until the connection closes.
    static func parse(_ bytes: [UInt8], complete: Bool, limit: Int) throws(HTTPClientError) -> HTTPClientResponse? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let headEnd = firstIndex(of: separator, in: bytes) else {
            if bytes.count > 65_536 { throw .malformedResponse("response head too large") }
            if complete { throw .malformedResponse("no response head") }
            return nil
        }
        let lines = String(decoding: bytes[0..<headEnd], as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusParts = lines[0].split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/1."), let status = Int(statusParts[1]),
            (100...599).contains(status)
        else { throw .malformedResponse("bad status line") }
        var headers: [(String, String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { throw .malformedResponse("bad header line") }
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingSpaces()))
        }
        let response = HTTPClientResponse(status: status, headers: headers, body: [])
        let rest = Array(bytes[(headEnd + 4)...])
        if response.header("transfer-encoding")?.lowercased().contains("chunked") == true {
            var decoder = ChunkedBodyDecoder(maxBodyBytes: limit, maxTrailerBytes: 65_536)
            var body: [UInt8] = []
            let failure = rest.withUnsafeBufferPointer { bytes -> HTTPParseError? in
                do throws(HTTPParseError) { _ = try decoder.decode(bytes, into: &body); return nil } catch { return error }
            }
            if case .bodyTooLarge = failure { throw .responseTooLarge }
            if failure != nil { throw .malformedResponse("bad chunked body") }
            guard decoder.isDone else {
                if complete { throw .malformedResponse("the chunked body ended early") }
                return nil
            }
            return HTTPClientResponse(status: status, headers: headers, body: body)
        }
        if let lengthText = response.header("content-length") {
            guard let length = Int(lengthText), length >= 0 else { throw .malformedResponse("bad Content-Length") }
            guard length <= limit else { throw .responseTooLarge }
            guard rest.count >= length else {
                if complete { throw .malformedResponse("the body ended early") }
                return nil
            }
            return HTTPClientResponse(status: status, headers: headers, body: Array(rest[0..<length]))
        }
        guard rest.count <= limit else { throw .responseTooLarge }
        return complete ? HTTPClientResponse(status: status, headers: headers, body: rest) : nil
    }

    private static func firstIndex(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        for start in 0...(bytes.count - pattern.count) where bytes[start] == pattern[0] {
            if Array(bytes[start..<(start + pattern.count)]) == pattern { return start }
        }
        return nil
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first == " " || text.first == "\t" { text = text.dropFirst() }
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
