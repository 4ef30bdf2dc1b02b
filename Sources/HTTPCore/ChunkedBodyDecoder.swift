#if canImport(Glibc)
import Glibc
#endif

/// Decodes a `Transfer-Encoding: chunked` request body (RFC 9112 §7.1) from bytes that arrive in
/// pieces. Each call consumes what it can from the front of the unread bytes and appends chunk
/// data to `body`; state carries over, so no byte is looked at twice except an unfinished line.
///
/// Chunk extensions are checked for stray control characters and ignored. Trailer fields must be
/// well-formed field lines, count against `maxTrailerBytes` (431), and are discarded.
struct ChunkedBodyDecoder {
    private enum Phase {
        case sizeLine
        case data(remaining: Int)
        case dataEnd
        case trailers
        case done
    }

    /// A chunk-size line longer than this is refused: nothing legitimate needs 4 KiB of extensions.
    static let maxChunkLineBytes = 4096

    let maxBodyBytes: Int
    let maxTrailerBytes: Int
    private var phase = Phase.sizeLine
    /// Offset into the unread bytes where the search for the current line's LF resumes.
    private var lineScanOffset = 0
    private var trailerBytes = 0

    init(maxBodyBytes: Int, maxTrailerBytes: Int) {
        self.maxBodyBytes = maxBodyBytes
        self.maxTrailerBytes = maxTrailerBytes
    }

    var isDone: Bool { if case .done = phase { true } else { false } }

    /// Consumes from the front of `bytes`; returns how many bytes were consumed.
    /// Stops when the body is complete (`isDone`) or more bytes are needed.
    mutating func decode(_ bytes: UnsafeBufferPointer<UInt8>, into body: inout [UInt8]) throws(HTTPParseError) -> Int {
        var consumed = 0
        while true {
            let rest = UnsafeBufferPointer(rebasing: bytes[consumed...])
            switch phase {
            case .done:
                return consumed
            case .sizeLine:
                guard let line = try nextLine(rest, limit: Self.maxChunkLineBytes, onOverflow: .badRequest("chunk size line too long")) else {
                    return consumed
                }
                let size = try Self.parseChunkSize(UnsafeBufferPointer(rebasing: rest[line.content]))
                guard size <= maxBodyBytes - body.count else { throw .bodyTooLarge }
                consumed += line.length
                phase = size == 0 ? .trailers : .data(remaining: size)
            case .data(let remaining):
                let take = min(remaining, rest.count)
                if take == 0 { return consumed }
                body.append(contentsOf: UnsafeBufferPointer(rebasing: rest[..<take]))
                consumed += take
                phase = take == remaining ? .dataEnd : .data(remaining: remaining - take)
            case .dataEnd:
                // chunk-data is followed by CRLF (or a bare LF, tolerated as everywhere else).
                guard let first = rest.first else { return consumed }
                if first == 0x0A {
                    consumed += 1
                } else if first == 0x0D {
                    guard rest.count >= 2 else { return consumed }
                    guard rest[1] == 0x0A else { throw .badRequest("chunk data not followed by CRLF") }
                    consumed += 2
                } else {
                    throw .badRequest("chunk data longer than its size")
                }
                phase = .sizeLine
            case .trailers:
                guard let line = try nextLine(rest, limit: maxTrailerBytes - trailerBytes, onOverflow: .headTooLarge) else {
                    return consumed
                }
                trailerBytes += line.length
                consumed += line.length
                if line.content.isEmpty {
                    phase = .done
                } else {
                    _ = try HTTPHeadParser.parseFieldLine(rest, line.content)
                }
            }
        }
    }

    /// The next complete line at the front of `bytes`: its content without CR LF, and its length
    /// with them. Nil when the LF has not arrived yet; throws when the line would exceed `limit`.
    private mutating func nextLine(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int, onOverflow: HTTPParseError)
        throws(HTTPParseError) -> (content: Range<Int>, length: Int)?
    {
        guard let lf = findByte(0x0A, in: bytes, from: lineScanOffset) else {
            lineScanOffset = bytes.count
            if bytes.count > limit { throw onOverflow }
            return nil
        }
        lineScanOffset = 0
        guard lf + 1 <= limit else { throw onOverflow }
        let end = lf > 0 && bytes[lf - 1] == 0x0D ? lf - 1 : lf
        return (0..<end, lf + 1)
    }

    /// `chunk-size [ chunk-ext ]`: 1*HEXDIG, then optionally `;`-separated extensions (with BWS).
    /// Values too large for `Int` are reported as `Int.max` rather than overflowing.
    static func parseChunkSize(_ line: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> Int {
        var size = 0
        var index = 0
        while index < line.count, let digit = hexValue(line[index]) {
            // Saturate instead of overflowing: any size from 2^59 on is far beyond every body limit.
            // (It was `size > 1 << 59`, which let exactly 2^59 through to `* 16` and trapped the
            // whole process on a chunk size of 8 followed by 15 or more zeros: found by FuzzHTTPParser.)
            size = size >= (Int.max - 15) / 16 ? Int.max : size * 16 + digit
            index += 1
        }
        guard index > 0 else { throw .badRequest("malformed chunk size") }
        let extensions = line[index...].trimmingOptionalWhitespace()
        if let first = extensions.first {
            guard first == UInt8(ascii: ";"), extensions.allSatisfy(isFieldValueByte) else {
                throw .badRequest("malformed chunk extension")
            }
        }
        return size
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: Int(byte - 0x30)
        case 0x41...0x46: Int(byte - 0x41 + 10)
        case 0x61...0x66: Int(byte - 0x61 + 10)
        default: nil
        }
    }
}

/// Index of the first `byte` at or after `offset`, found with `memchr`.
func findByte(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int? {
    guard offset < bytes.count, let base = bytes.baseAddress else { return nil }
    guard let hit = memchr(base + offset, Int32(byte), bytes.count - offset) else { return nil }
    return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
}
