/// `%XX` escapes decoded (what Foundation's `removingPercentEncoding` did): nil when an escape is
/// malformed or the bytes are not UTF-8. Form fields, query strings, HTTP Basic credentials.
public func percentDecoded(_ text: String) -> String? {
    var bytes: [UInt8] = []
    var iterator = text.utf8.makeIterator()
    while let byte = iterator.next() {
        guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
        guard let high = iterator.next().flatMap(SigV4Verifier.hexValue), let low = iterator.next().flatMap(SigV4Verifier.hexValue) else { return nil }
        bytes.append(high << 4 | low)
    }
    return String(validating: bytes, as: UTF8.self)
}
