import FoundationEssentials

/// Opaque paging tokens: `<kind>:<position>` in base64, so a token from one listing is not
/// accepted by another and callers are not tempted to build them.
enum PaginationToken {
    static func encode(_ position: Int64, kind: String) -> String {
        Data("\(kind):\(position)".utf8).base64EncodedString()
    }

    /// The position a token stands for, or nil when this server did not issue it for `kind`.
    static func decode(_ token: String, kind: String) -> Int64? {
        guard let data = Data(base64Encoded: token) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard text.hasPrefix("\(kind):"), let position = Int64(text.dropFirst(kind.count + 1)), position >= 0 else {
            return nil
        }
        return position
    }
}
