/// The protocol version from a request line, e.g. `HTTP/1.1` is `HTTPVersion(major: 1, minor: 1)`.
public struct HTTPVersion: Sendable, Equatable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    public static let http1_0 = HTTPVersion(major: 1, minor: 0)
    public static let http1_1 = HTTPVersion(major: 1, minor: 1)

    public var description: String { "HTTP/\(major).\(minor)" }
}

/// Header fields in the order they were received, duplicates kept.
///
/// Names keep the case they were sent with; every lookup compares names ASCII case-insensitively
/// (RFC 9110 §5.1), so `headers["x-amz-target"]` finds `X-Amz-Target`.
public struct HTTPHeaders: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    public typealias Element = (name: String, value: String)

    private var fields: [Element]

    public init() { fields = [] }

    public init(_ fields: [(String, String)]) {
        self.fields = fields.map { (name: $0.0, value: $0.1) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    public var count: Int { fields.count }

    public func makeIterator() -> IndexingIterator<[Element]> { fields.makeIterator() }

    public mutating func append(name: String, value: String) {
        fields.append((name: name, value: value))
    }

    /// The first value of the field called `name`, or nil if there is none.
    public subscript(name: String) -> String? {
        for field in fields where asciiCaseInsensitiveEquals(field.name, name) {
            return field.value
        }
        return nil
    }

    /// Every value of the field called `name`, in the order received.
    public func values(for name: String) -> [String] {
        fields.filter { asciiCaseInsensitiveEquals($0.name, name) }.map(\.value)
    }

    /// True when some field called `name` lists `token` in its comma-separated value
    /// (RFC 9110 §5.6.1), comparing tokens case-insensitively: `Connection: Keep-Alive, Upgrade`.
    public func containsToken(_ token: String, inField name: String) -> Bool {
        for field in fields where asciiCaseInsensitiveEquals(field.name, name) {
            for element in field.value.utf8.split(separator: UInt8(ascii: ",")) {
                let trimmed = element.trimmingOptionalWhitespace()
                if asciiCaseInsensitiveEquals(trimmed, token.utf8) { return true }
            }
        }
        return false
    }
}

/// One parsed request, as the handler sees it. The body is already de-chunked.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The request-target exactly as sent, e.g. `/` or `/_mock/messages?x=y`.
    public var target: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// `target` up to (not including) the first `?`.
    public var path: String
    /// `target` after the first `?`, or nil when there is no `?`.
    public var query: String?

    public init(method: String, target: String, version: HTTPVersion = .http1_1,
                headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
        if let mark = target.utf8.firstIndex(of: UInt8(ascii: "?")) {
            path = String(target[..<mark])
            query = String(target[target.utf8.index(after: mark)...])
        } else {
            path = target
            query = nil
        }
    }

    /// Whether the client asked to keep the connection open after this exchange (RFC 9112 §9.3):
    /// HTTP/1.1 persists unless `Connection: close`; HTTP/1.0 persists only with `Connection: keep-alive`.
    public var wantsKeepAlive: Bool {
        if headers.containsToken("close", inField: "Connection") { return false }
        if version.major == 1 && version.minor == 0 {
            return headers.containsToken("keep-alive", inField: "Connection")
        }
        return true
    }
}

/// What a handler answers. The server writes `Content-Length` and `Connection` itself and drops
/// any the handler supplied; a handler's `Connection: close` still makes the server close.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Turns one request into one response. Called on the connection's own thread, so it may block;
/// many connections call it at once, hence `Sendable`.
public protocol HTTPHandler: Sendable {
    func handle(_ request: HTTPRequest) -> HTTPResponse
}

public enum HTTPLogLevel: Sendable, Comparable {
    case debug, info, warning, error
}

// MARK: - ASCII helpers shared by the parser and header lookups

func asciiLowercased(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
}

func asciiCaseInsensitiveEquals<A: Collection<UInt8>, B: Collection<UInt8>>(_ a: A, _ b: B) -> Bool {
    guard a.count == b.count else { return false }
    return zip(a, b).allSatisfy { asciiLowercased($0) == asciiLowercased($1) }
}

/// Header names are looked up on every request, so this compares contiguous UTF-8 storage
/// directly when both strings have it (native Swift strings do) and falls back to the views.
func asciiCaseInsensitiveEquals(_ a: String, _ b: String) -> Bool {
    guard a.utf8.count == b.utf8.count else { return false }
    let fast = a.utf8.withContiguousStorageIfAvailable { left in
        b.utf8.withContiguousStorageIfAvailable { right in
            for index in 0..<left.count where asciiLowercased(left[index]) != asciiLowercased(right[index]) {
                return false
            }
            return true
        }
    }
    if let fast = fast ?? nil { return fast }
    return asciiCaseInsensitiveEquals(a.utf8, b.utf8)
}

extension Collection<UInt8> {
    /// The bytes with leading and trailing SP / HTAB removed (OWS, RFC 9110 §5.6.3).
    func trimmingOptionalWhitespace() -> SubSequence {
        let isOWS: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard let first = firstIndex(where: { !isOWS($0) }) else { return self[endIndex...] }
        var last = first
        var index = first
        while index != endIndex {
            if !isOWS(self[index]) { last = index }
            index = self.index(after: index)
        }
        return self[first...last]
    }
}
