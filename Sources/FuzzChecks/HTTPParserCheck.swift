import HTTPCore

/// The property the HTTP parser fuzz target checks on every input (also run by the regression
/// tests and by the corpus replayer, so a plain `swift build` exercises it).
///
/// The input is: 2 bytes of seed for the chunk sizes, then the bytes a client sends. They are fed
/// to a parser in pseudo-random chunks of 1…64 bytes and, separately, all at once. Invariants:
/// * nothing traps (the fuzzer reports crashes itself);
/// * no request has a body over `maxBodyBytes`, an empty method or an empty target, and a method
///   and version the head parser accepted (`HTTP/1.x`);
/// * after the parser throws it is not used again (its documented contract);
/// * chunking does not change the outcome: the same requests (method, target, headers, body) and
///   the same final status (error status, or "wants more data").
public enum HTTPParserCheck {
    public static let maxHeadBytes = 512
    public static let maxBodyBytes = 1024

    struct Summary: Equatable {
        var requests: [String] = []
        var ending = "more"
    }

    public static func run(_ data: [UInt8]) {
        guard data.count >= 2 else { return }
        var seed = UInt32(data[0]) << 8 | UInt32(data[1]) | 1
        let stream = Array(data[2...])
        let chunked = feed(stream) {
            // xorshift32: chunk sizes 1…64 that depend only on the seed.
            seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5
            return Int(seed % 64) + 1
        }
        let whole = feed(stream) { .max }
        precondition(chunked == whole, "chunking changed the outcome:\n\(chunked)\nvs\n\(whole)")
    }

    static func feed(_ stream: [UInt8], nextSize: () -> Int) -> Summary {
        var parser = HTTPRequestParser(maxHeadBytes: maxHeadBytes, maxBodyBytes: maxBodyBytes)
        var summary = Summary()
        var offset = 0
        while offset < stream.count {
            let end = offset + min(nextSize(), stream.count - offset)
            parser.append(stream[offset..<end])
            offset = end
            do {
                while true {
                    let event = try parser.next()
                    guard case .request(let request) = event else {
                        if case .needMoreData = event { break }
                        continue  // .sendContinue depends on chunking by design
                    }
                    check(request)
                    summary.requests.append(describe(request))
                }
            } catch {
                summary.ending = "error \(error.status)"
                return summary
            }
        }
        return summary
    }

    static func check(_ request: HTTPRequest) {
        precondition(request.body.count <= maxBodyBytes, "body of \(request.body.count) bytes over the limit")
        precondition(!request.method.isEmpty && !request.target.isEmpty, "empty method or target")
        precondition(request.version.major == 1 && (0...9).contains(request.version.minor), "odd version \(request.version)")
        precondition(!request.path.contains("?"), "path keeps the query")
        var headBytes = request.method.utf8.count + request.target.utf8.count
        for field in request.headers {
            precondition(!field.name.isEmpty, "empty header name")
            precondition(!field.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }), "CR, LF or NUL in a value")
            headBytes += field.name.utf8.count + field.value.utf8.count
        }
        // Trailer fields are merged into the headers, and each section is limited separately; a
        // byte that is not UTF-8 becomes U+FFFD, three bytes, once decoded into a String.
        precondition(headBytes <= 3 * 2 * maxHeadBytes, "head of \(headBytes) bytes over the limit")
    }

    static func describe(_ request: HTTPRequest) -> String {
        var text = "\(request.method) \(request.target) \(request.version)"
        for field in request.headers { text += "|\(field.name):\(field.value)" }
        return text + "|body=\(request.body)"
    }
}
