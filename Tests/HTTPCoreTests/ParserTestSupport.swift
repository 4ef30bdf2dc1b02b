@testable import HTTPCore

/// Feeds `text` to a fresh parser in pieces of `step` bytes and collects every event.
/// Throws the parser's error, if any.
func parseAll(_ text: String, step: Int = .max, maxHeadBytes: Int = 16 * 1024,
              maxBodyBytes: Int = 1 << 20) throws(HTTPParseError) -> [HTTPParserEvent] {
    try parseAll(Array(text.utf8), step: step, maxHeadBytes: maxHeadBytes, maxBodyBytes: maxBodyBytes)
}

func parseAll(_ bytes: [UInt8], step: Int = .max, maxHeadBytes: Int = 16 * 1024,
              maxBodyBytes: Int = 1 << 20) throws(HTTPParseError) -> [HTTPParserEvent] {
    var parser = HTTPRequestParser(maxHeadBytes: maxHeadBytes, maxBodyBytes: maxBodyBytes)
    var events: [HTTPParserEvent] = []
    var offset = 0
    while offset < bytes.count {
        let end = offset + min(step, bytes.count - offset)
        parser.append(bytes[offset..<end])
        offset = end
        while true {
            let event = try parser.next()
            if case .needMoreData = event { break }
            events.append(event)
        }
    }
    return events
}

func requests(_ events: [HTTPParserEvent]) -> [HTTPRequest] {
    events.compactMap { if case .request(let request) = $0 { request } else { nil } }
}

/// The error `text` makes the parser throw, or nil when it parses.
func parseError(_ text: String, step: Int = .max, maxHeadBytes: Int = 16 * 1024,
                maxBodyBytes: Int = 1 << 20) -> HTTPParseError? {
    parseError(Array(text.utf8), step: step, maxHeadBytes: maxHeadBytes, maxBodyBytes: maxBodyBytes)
}

func parseError(_ bytes: [UInt8], step: Int = .max, maxHeadBytes: Int = 16 * 1024,
                maxBodyBytes: Int = 1 << 20) -> HTTPParseError? {
    do {
        _ = try parseAll(bytes, step: step, maxHeadBytes: maxHeadBytes, maxBodyBytes: maxBodyBytes)
        return nil
    } catch {
        return error
    }
}

extension HTTPRequest {
    var bodyText: String { String(decoding: body, as: UTF8.self) }
}
