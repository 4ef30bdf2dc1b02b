/// How a request's body is delimited, decided from its head alone (RFC 9112 §6.3).
enum HTTPBodyFraming: Equatable {
    case none
    case contentLength(Int)
    case chunked

    /// Rules, in order:
    /// - `Transfer-Encoding` in an HTTP/1.0 request, or together with `Content-Length`, is faulty
    ///   framing (§6.1, §6.3 item 3): 400. This server rejects rather than guessing, since a guess is
    ///   how request smuggling starts.
    /// - `Transfer-Encoding` whose final coding is not `chunked`: 400 (§6.3 item 4, "MUST").
    ///   `chunked` listed twice: 400 (§7 "MUST NOT apply chunked more than once").
    ///   Any other coding before `chunked` (gzip, ...): 501 (§6.1 "SHOULD respond with 501").
    /// - `Content-Length` values (across fields and comma lists) must all be 1*DIGIT and equal
    ///   (§6.3 item 5): otherwise 400. A valid value above `maxBodyBytes`: 413, before any body is read.
    static func decide(_ head: HTTPRequestHead, maxBodyBytes: Int) throws(HTTPParseError) -> HTTPBodyFraming {
        var hasTransferEncoding = false
        var hasContentLength = false
        for field in head.headers {
            if asciiCaseInsensitiveEquals(field.name, "Content-Length") { hasContentLength = true }
            if asciiCaseInsensitiveEquals(field.name, "Transfer-Encoding") { hasTransferEncoding = true }
        }

        if hasTransferEncoding {
            let codings = listElements(head.headers.values(for: "Transfer-Encoding"))
            guard head.version.minor >= 1 else { throw .badRequest("Transfer-Encoding in an HTTP/1.0 request") }
            guard !hasContentLength else { throw .badRequest("both Transfer-Encoding and Content-Length") }
            guard let last = codings.last, asciiCaseInsensitiveEquals(last, "chunked".utf8) else {
                throw .badRequest("final transfer coding is not chunked")
            }
            for coding in codings.dropLast() {
                if asciiCaseInsensitiveEquals(coding, "chunked".utf8) {
                    throw .badRequest("chunked applied more than once")
                }
                throw .unsupportedTransferCoding(String(decoding: coding, as: UTF8.self))
            }
            return .chunked
        }

        guard hasContentLength else { return .none }
        let lengths = listElements(head.headers.values(for: "Content-Length"))
        guard let first = lengths.first else { throw .badRequest("empty Content-Length") }
        let significant = try digitsWithoutLeadingZeros(first)
        for other in lengths.dropFirst() where try digitsWithoutLeadingZeros(other) != significant {
            throw .badRequest("conflicting Content-Length values")
        }
        // More significant digits than maxBodyBytes has means larger than it, so nothing here
        // can overflow however long the digit string is.
        guard significant.count <= String(maxBodyBytes).utf8.count else { throw .bodyTooLarge }
        let length = significant.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        guard length <= maxBodyBytes else { throw .bodyTooLarge }
        return length == 0 ? .none : .contentLength(length)
    }

    /// The non-empty, OWS-trimmed elements of comma-separated list fields (RFC 9110 §5.6.1).
    private static func listElements(_ values: [String]) -> [ArraySlice<UInt8>] {
        values.flatMap { value in
            Array(value.utf8).split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
                .map { $0.trimmingOptionalWhitespace() }
        }.filter { !$0.isEmpty }
    }

    /// `1*DIGIT`, with its leading zeros dropped; anything else (signs, spaces, hex) is a 400.
    private static func digitsWithoutLeadingZeros(_ value: ArraySlice<UInt8>) throws(HTTPParseError) -> ArraySlice<UInt8> {
        guard !value.isEmpty, value.allSatisfy(isDigit) else { throw .badRequest("invalid Content-Length") }
        return value.drop { $0 == 0x30 }
    }
}
