/// A request line and its header fields, before any framing decision is made.
struct HTTPRequestHead: Sendable {
    var method: String
    var target: String
    var version: HTTPVersion
    var headers: HTTPHeaders
}

/// Parses a complete request head: the bytes from the request line up to, and including, the
/// empty line that ends the header section. Knows nothing about bodies.
///
/// Line endings: CRLF, or a bare LF, which RFC 9112 §2.2 lets a recipient accept (nginx and curl
/// users send it). A CR anywhere except directly before LF is rejected with 400 (§2.2 "MUST ...
/// reject or replace").
enum HTTPHeadParser {
    static func parse(_ head: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> HTTPRequestHead {
        var lines = LineIterator(bytes: head)
        guard let requestLine = lines.next() else { throw .badRequest("missing request line") }
        var parsed = try parseRequestLine(head, requestLine)
        while let line = lines.next(), !line.isEmpty {
            let field = try parseFieldLine(head, line)
            parsed.headers.append(name: field.name, value: field.value)
        }
        return parsed
    }

    /// `method SP request-target SP HTTP-version` (RFC 9112 §3), single spaces only.
    static func parseRequestLine(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>)
        throws(HTTPParseError) -> HTTPRequestHead
    {
        guard let firstSpace = bytes[line].firstIndex(of: 0x20) else {
            throw .badRequest("malformed request line")
        }
        guard let secondSpace = bytes[(firstSpace + 1)..<line.upperBound].firstIndex(of: 0x20) else {
            throw .badRequest("malformed request line")
        }
        let method = line.lowerBound..<firstSpace
        let target = (firstSpace + 1)..<secondSpace
        let version = (secondSpace + 1)..<line.upperBound
        guard !method.isEmpty, bytes[method].allSatisfy(isTokenByte) else {
            throw .badRequest("malformed method")
        }
        guard !target.isEmpty, bytes[target].allSatisfy(isTargetByte) else {
            throw .badRequest("malformed request target")
        }
        return HTTPRequestHead(
            method: makeString(bytes, method),
            target: makeString(bytes, target),
            version: try parseVersion(bytes[version]),
            headers: HTTPHeaders()
        )
    }

    /// `HTTP/` DIGIT `.` DIGIT (RFC 9112 §2.3). Only major version 1 is served; others get 505.
    static func parseVersion(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) throws(HTTPParseError) -> HTTPVersion {
        let prefix: [UInt8] = Array("HTTP/".utf8)
        guard bytes.count == 8, bytes.starts(with: prefix) else { throw .badRequest("malformed HTTP version") }
        let major = bytes[bytes.startIndex + 5], dot = bytes[bytes.startIndex + 6], minor = bytes[bytes.startIndex + 7]
        guard isDigit(major), dot == UInt8(ascii: "."), isDigit(minor) else {
            throw .badRequest("malformed HTTP version")
        }
        guard major == UInt8(ascii: "1") else { throw .versionNotSupported }
        return HTTPVersion(major: 1, minor: Int(minor - UInt8(ascii: "0")))
    }

    /// `field-name ":" OWS field-value OWS` (RFC 9112 §5). A line starting with whitespace is
    /// obsolete line folding, rejected with 400 (§5.2); so is whitespace before the colon (§5.1).
    static func parseFieldLine(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>)
        throws(HTTPParseError) -> (name: String, value: String)
    {
        let first = bytes[line.lowerBound]
        if first == 0x20 || first == 0x09 { throw .badRequest("obsolete line folding") }
        guard let colon = bytes[line].firstIndex(of: UInt8(ascii: ":")) else {
            throw .badRequest("header field without colon")
        }
        let name = line.lowerBound..<colon
        guard !name.isEmpty, bytes[name].allSatisfy(isTokenByte) else {
            throw .badRequest("malformed header field name")
        }
        let value = bytes[(colon + 1)..<line.upperBound].trimmingOptionalWhitespace()
        guard value.allSatisfy(isFieldValueByte) else { throw .badRequest("invalid character in header field value") }
        return (makeString(bytes, name), String(decoding: UnsafeBufferPointer(rebasing: value), as: UTF8.self))
    }

    private static func makeString(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}

/// Yields the content range of each line (without CR LF or bare LF). A CR not followed by LF
/// makes the line invalid; `parse` sees it because CR is neither a token nor a value byte.
struct LineIterator {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    mutating func next() -> Range<Int>? {
        guard position < bytes.count else { return nil }
        let start = position
        var end = start
        while end < bytes.count && bytes[end] != 0x0A { end += 1 }
        position = end + 1
        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        return start..<end
    }
}

// MARK: - Character classes (RFC 9110 §5.6.2, §5.5; RFC 9112 §3.2)

@inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

/// tchar: "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
@inline(__always) func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
    case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E, 0x5F, 0x60, 0x7C, 0x7E: true
    default: false
    }
}

/// Visible ASCII plus obs-text in field values, and SP / HTAB inside them. CR, LF, NUL and other controls are refused.
@inline(__always) func isFieldValueByte(_ byte: UInt8) -> Bool {
    byte == 0x09 || (byte >= 0x20 && byte != 0x7F)
}

/// The request-target may not contain whitespace or controls; bytes above 0x7F are let through
/// for the handler to judge, as nginx does.
@inline(__always) func isTargetByte(_ byte: UInt8) -> Bool {
    byte > 0x20 && byte != 0x7F
}
