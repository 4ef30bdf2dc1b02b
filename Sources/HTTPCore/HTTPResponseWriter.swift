/// Serialises responses into one reusable byte buffer, so each response costs a single `send`
/// and, once the buffer has grown to fit, no allocation.
struct HTTPResponseWriter {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(4096) }

    static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Writes `response` as HTTP/1.1 and returns whether the connection stays open: only if
    /// `keepAlive` was asked for and the handler did not send `Connection: close` itself.
    ///
    /// The handler's own `Content-Length`, `Transfer-Encoding` and `Connection` fields are replaced
    /// by the server's, and fields that could split the response (a name that is not a token, a
    /// value with CR, LF or NUL) are dropped. 1xx, 204 and 304 responses carry no body and 1xx/204
    /// no `Content-Length` (RFC 9110 §8.6, §15.3.5); a HEAD response keeps the length but no body.
    @discardableResult
    mutating func write(_ response: HTTPResponse, keepAlive: Bool, isHeadRequest: Bool = false) -> Bool {
        var keepAlive = keepAlive
        bytes.removeAll(keepingCapacity: true)
        let status = (100...999).contains(response.status) ? response.status : 500
        append("HTTP/1.1 ")
        appendDecimal(status)
        append(" ")
        append(HTTPStatus.reasonPhrase(for: status))
        append("\r\n")
        for (name, value) in response.headers {
            if asciiCaseInsensitiveEquals(name, "Content-Length") || asciiCaseInsensitiveEquals(name, "Transfer-Encoding") {
                continue
            }
            if asciiCaseInsensitiveEquals(name, "Connection") {
                if HTTPHeaders([(name, value)]).containsToken("close", inField: name) { keepAlive = false }
                continue
            }
            guard !name.isEmpty, name.utf8.allSatisfy(isTokenByte), value.utf8.allSatisfy(isFieldValueByte) else {
                continue
            }
            append(name)
            append(": ")
            appendBounded(value, budget: Self.maxFieldLineBytes - name.utf8.count - 2)
            append("\r\n")
        }
        let mayHaveBody = status >= 200 && status != 204 && status != 304
        if mayHaveBody {
            append("Content-Length: ")
            appendDecimal(response.body.count)
            append("\r\n")
        }
        append(keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n")
        if mayHaveBody && !isHeadRequest {
            bytes.append(contentsOf: response.body)
        }
        return keepAlive
    }

    /// The answer to a request the parser refused; always closes.
    mutating func writeError(_ error: HTTPParseError) {
        let body = Array((error.description + "\n").utf8)
        write(HTTPResponse(status: error.status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: body),
              keepAlive: false)
    }

    /// The longest header line written (name, `: ` and value, without CRLF). Clients limit what
    /// they read (Python's http.client refuses lines over 64 KiB and closes, nginx proxies stop at
    /// 4–8 KiB): a 900 KB `x-amzn-ErrorMessage` must not cost the client its answer, whose body
    /// keeps the whole text.
    public static let maxFieldLineBytes = 8 * 1024

    /// `value`, or as much of it as fits in `budget` bytes ending on a whole UTF-8 character,
    /// followed by `...` to show it was cut.
    private mutating func appendBounded(_ value: String, budget: Int) {
        let utf8 = value.utf8
        guard utf8.count > budget else { append(value); return }
        var end = utf8.index(utf8.startIndex, offsetBy: max(0, budget - 3))
        // Step back over continuation bytes (10xxxxxx) so no character is split.
        while end > utf8.startIndex, utf8[end] & 0xC0 == 0x80 { end = utf8.index(before: end) }
        bytes.append(contentsOf: utf8[..<end])
        append("...")
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func appendDecimal(_ value: Int) {
        guard value > 0 else { bytes.append(0x30); return }
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(truncatingIfNeeded: 0x30 + rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
