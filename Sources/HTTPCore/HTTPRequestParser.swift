/// What the parser can say after being fed bytes.
public enum HTTPParserEvent: Sendable {
    /// A complete request. Bytes after it stay buffered for the next one (pipelining).
    case request(HTTPRequest)
    /// The head asked for `Expect: 100-continue` and none of the body has arrived: the connection
    /// should send `HTTP/1.1 100 Continue` and read on. Reported at most once per request.
    case sendContinue
    /// Feed more bytes.
    case needMoreData
}

/// An incremental HTTP/1.1 request parser over a buffer it owns. Feed it bytes with `append`,
/// then call `next()` until it says `.needMoreData`. It never looks at socket state, so it can be
/// driven from literals in tests.
///
/// Invariants: every unread byte lives in `buffer[start...]`, and all remembered positions (the
/// head search, the chunk decoder's line search) are offsets from `start`, so compaction only has
/// to drop `buffer[..<start]`. After `next()` throws, the parser must not be used again: the end
/// of the broken request, and so the start of the next one, is unknown.
public struct HTTPRequestParser {
    private enum State {
        case head
        case fixedBody(HTTPRequestHead, length: Int)
        case chunkedBody(HTTPRequestHead, ChunkedBodyDecoder, body: [UInt8])
    }

    public let maxHeadBytes: Int
    public let maxBodyBytes: Int
    private var buffer: [UInt8] = []
    private var start = 0
    /// Offset from `start` where the search for the head's final empty line resumes.
    private var headScanOffset = 0
    private var state = State.head
    private var continueOffered = false

    public init(maxHeadBytes: Int = 16 * 1024, maxBodyBytes: Int = 1 << 20) {
        self.maxHeadBytes = maxHeadBytes
        self.maxBodyBytes = maxBodyBytes
        buffer.reserveCapacity(4096)
    }

    /// True once any byte of a request that has not been completed yet has been received.
    public var hasPartialRequest: Bool {
        if case .head = state { return buffer.count > start }
        return true
    }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compact()
        buffer.append(contentsOf: bytes.assumingMemoryBound(to: UInt8.self))
    }

    public mutating func append<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Drops consumed bytes: all of them when nothing is left (the common keep-alive case, no
    /// copying), otherwise only once they outweigh the live bytes, so a copy is amortised.
    private mutating func compact() {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 0 && start >= buffer.count - start {
            buffer.removeSubrange(0..<start)
            start = 0
        }
    }

    public mutating func next() throws(HTTPParseError) -> HTTPParserEvent {
        switch state {
        case .head:
            guard let head = try parseHead() else { return .needMoreData }
            return try beginBody(head)
        case .fixedBody(let head, let length):
            return finishFixedBody(head, length: length)
        case .chunkedBody(let head, var decoder, var body):
            state = .head  // drop the state's reference to `body` so appending does not copy it
            let consumed = try buffer.withUnsafeBufferPointer { all throws(HTTPParseError) in
                try decoder.decode(UnsafeBufferPointer(rebasing: all[start...]), into: &body)
            }
            start += consumed
            if decoder.isDone { return .request(makeRequest(head, body: body)) }
            state = .chunkedBody(head, decoder, body: body)
            return offerContinue(head, bodyBytesSeen: !body.isEmpty || consumed > 0 || buffer.count > start)
        }
    }

    /// Finds the empty line that ends the head (resuming where the last search stopped), checks
    /// the size limit, and parses the head. Empty lines before a request line are skipped
    /// (RFC 9112 §2.2).
    private mutating func parseHead() throws(HTTPParseError) -> HTTPRequestHead? {
        let found: (head: HTTPRequestHead, length: Int)?? = try buffer.withUnsafeBufferPointer { all throws(HTTPParseError) in
            var unread = UnsafeBufferPointer(rebasing: all[start...])
            while let lf = findByte(0x0A, in: unread, from: headScanOffset) {
                let lineStart = Self.startOfLine(endingAt: lf, in: unread)
                let isEmptyLine = lf == lineStart || (lf == lineStart + 1 && unread[lineStart] == 0x0D)
                if isEmptyLine && lineStart == 0 {  // leading empty line: discard it
                    start += lf + 1
                    unread = UnsafeBufferPointer(rebasing: all[start...])
                    headScanOffset = 0
                    continue
                }
                headScanOffset = lf + 1
                guard isEmptyLine else { continue }
                guard lf + 1 <= maxHeadBytes else { throw .headTooLarge }
                let head = try HTTPHeadParser.parse(UnsafeBufferPointer(rebasing: unread[...lf]))
                return (head, lf + 1)
            }
            headScanOffset = unread.count
            if unread.count > maxHeadBytes { throw .headTooLarge }
            return .some(nil)
        }
        guard let found = found, let (head, length) = found else { return nil }
        start += length
        headScanOffset = 0
        return head
    }

    private static func startOfLine(endingAt lf: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = lf
        while index > 0 && bytes[index - 1] != 0x0A { index -= 1 }
        return index
    }

    /// Decides how the body is framed (RFC 9112 §6.3) and starts reading it.
    private mutating func beginBody(_ head: HTTPRequestHead) throws(HTTPParseError) -> HTTPParserEvent {
        continueOffered = false
        switch try HTTPBodyFraming.decide(head, maxBodyBytes: maxBodyBytes) {
        case .none:
            return .request(makeRequest(head, body: []))
        case .contentLength(let length):
            state = .fixedBody(head, length: length)
            return finishFixedBody(head, length: length)
        case .chunked:
            let decoder = ChunkedBodyDecoder(maxBodyBytes: maxBodyBytes, maxTrailerBytes: maxHeadBytes)
            state = .chunkedBody(head, decoder, body: [])
            return try next()
        }
    }

    private mutating func finishFixedBody(_ head: HTTPRequestHead, length: Int) -> HTTPParserEvent {
        let available = buffer.count - start
        guard available >= length else { return offerContinue(head, bodyBytesSeen: available > 0) }
        let body = Array(buffer[start..<(start + length)])
        start += length
        state = .head
        return .request(makeRequest(head, body: body))
    }

    /// `.sendContinue` once per request, when the client is waiting for it: it sent
    /// `Expect: 100-continue`, speaks HTTP/1.1 (RFC 9110 §10.1.1: an HTTP/1.0 expectation is
    /// ignored) and has not started sending the body anyway.
    private mutating func offerContinue(_ head: HTTPRequestHead, bodyBytesSeen: Bool) -> HTTPParserEvent {
        guard !continueOffered, !bodyBytesSeen, head.version.minor >= 1,
              let expect = head.headers["Expect"], asciiCaseInsensitiveEquals(expect, "100-continue")
        else { return .needMoreData }
        continueOffered = true
        return .sendContinue
    }

    private mutating func makeRequest(_ head: HTTPRequestHead, body: [UInt8]) -> HTTPRequest {
        state = .head
        return HTTPRequest(method: head.method, target: head.target, version: head.version,
                           headers: head.headers, body: body)
    }
}
