import AWSJSONProtocol
import FoundationEssentials
import Glibc

/// `application/x-www-form-urlencoded` (HTML forms, OAuth parameters, query strings).
public enum FormEncoding {
    /// `a=1&b=x%40y` → ["a": "1", "b": "x@y"]; `+` is a space; the first of repeated names wins.
    public static func decode(_ text: String?) -> [String: String] {
        var items: [String: String] = [:]
        for pair in (text ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = String(part).replacing("+", with: " ")
                return percentDecoded(spaced) ?? spaced
            }
            let name = decode(parts[0])
            if items[name] == nil { items[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return items
    }

    public static func decode(body: [UInt8]) -> [String: String] {
        decode(String(decoding: body, as: UTF8.self))
    }

    /// Pairs in the given order, each percent-encoded except RFC 3986's unreserved characters.
    public static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    static func escape(_ value: String) -> String {
        var out = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF")
                out += "%\(hex[Int(byte >> 4)])\(hex[Int(byte & 15)])"
            }
        }
        return out
    }
}
