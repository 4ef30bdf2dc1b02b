/// A CBOR data item (RFC 8949), the subset WebAuthn uses: attestation objects, authenticator data's
/// credential public keys (COSE_Key, RFC 9052) and attestation statements.
public indirect enum CBORValue: Sendable, Equatable {
    case unsigned(UInt64)
    /// A negative integer, stored as RFC 8949's argument `n` for the value `-1 - n`.
    case negative(UInt64)
    case bytes([UInt8])
    case text(String)
    case array([CBORValue])
    /// Pairs in encoded order (COSE keys are integers, WebAuthn's are text).
    case map([(CBORValue, CBORValue)])
    case bool(Bool)
    case null

    public static func == (lhs: CBORValue, rhs: CBORValue) -> Bool {
        switch (lhs, rhs) {
        case (.unsigned(let a), .unsigned(let b)), (.negative(let a), .negative(let b)): return a == b
        case (.bytes(let a), .bytes(let b)): return a == b
        case (.text(let a), .text(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.map(let a), .map(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.bool(let a), .bool(let b)): return a == b
        case (.null, .null): return true
        default: return false
        }
    }

    /// The value as a signed integer when it is one that fits in `Int64`.
    public var integer: Int64? {
        switch self {
        case .unsigned(let n): return n <= UInt64(Int64.max) ? Int64(n) : nil
        case .negative(let n): return n <= UInt64(Int64.max) ? -1 - Int64(n) : nil
        default: return nil
        }
    }

    /// The value of the first pair whose key is `key` (text or integer), in a map.
    public subscript(_ key: CBORValue) -> CBORValue? {
        guard case .map(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    public subscript(_ key: String) -> CBORValue? { self[.text(key)] }
    public subscript(_ key: Int64) -> CBORValue? { self[key >= 0 ? .unsigned(UInt64(key)) : .negative(UInt64(-1 - key))] }

    public var bytesValue: [UInt8]? { if case .bytes(let b) = self { return b } else { return nil } }
    public var textValue: String? { if case .text(let t) = self { return t } else { return nil } }
}

/// A bounded decoder for untrusted CBOR: definite lengths only, no tags, no floats, at most
/// `maxDepth` levels of nesting and `maxItems` data items in all, every length checked against the
/// bytes that remain before anything is allocated. Anything else is `CBORError`, never a trap.
public struct CBORDecoder {
    public static let maxDepth = 16
    public static let maxItems = 4_096

    private let bytes: [UInt8]
    private var position = 0
    private var items = 0

    /// Decodes one item from the start of `bytes`; returns it with the count of bytes it used
    /// (authenticator data carries a COSE key followed by extensions).
    public static func decodePrefix(_ bytes: [UInt8]) throws(CBORError) -> (value: CBORValue, length: Int) {
        var decoder = CBORDecoder(bytes: bytes)
        let value = try decoder.item(depth: 0)
        return (value, decoder.position)
    }

    /// Decodes exactly one item that fills `bytes`.
    public static func decode(_ bytes: [UInt8]) throws(CBORError) -> CBORValue {
        let (value, length) = try decodePrefix(bytes)
        guard length == bytes.count else { throw .trailingBytes }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func item(depth: Int) throws(CBORError) -> CBORValue {
        guard depth < Self.maxDepth else { throw .tooDeep }
        items += 1
        guard items <= Self.maxItems else { throw .tooManyItems }
        let initial = try byte()
        let major = initial >> 5
        let info = initial & 0x1F
        if major == 7 {
            switch info {
            case 20: return .bool(false)
            case 21: return .bool(true)
            case 22: return .null
            default: throw .unsupported  // undefined, other simple values, floats, break
            }
        }
        let argument = try self.argument(info)
        switch major {
        case 0: return .unsigned(argument)
        case 1: return .negative(argument)
        case 2: return .bytes(try take(argument))
        case 3:
            guard let text = String(validating: try take(argument), as: UTF8.self) else { throw .invalidText }
            return .text(text)
        case 4:
            // Each element needs at least one byte: a count beyond what remains is malformed.
            guard argument <= UInt64(bytes.count - position) else { throw .truncated }
            var elements: [CBORValue] = []
            for _ in 0..<argument { elements.append(try item(depth: depth + 1)) }
            return .array(elements)
        case 5:
            guard argument <= UInt64(bytes.count - position) / 2 else { throw .truncated }
            var pairs: [(CBORValue, CBORValue)] = []
            for _ in 0..<argument {
                let key = try item(depth: depth + 1)
                pairs.append((key, try item(depth: depth + 1)))
            }
            return .map(pairs)
        default:
            throw .unsupported  // major type 6: tags
        }
    }

    /// The argument of the head (RFC 8949 section 3): in `info` itself, or in the 1, 2, 4 or 8
    /// bytes that follow. 31 (indefinite length) and 28–30 (reserved) are refused.
    private mutating func argument(_ info: UInt8) throws(CBORError) -> UInt64 {
        switch info {
        case 0...23: return UInt64(info)
        case 24, 25, 26, 27:
            var value: UInt64 = 0
            for _ in 0..<(1 << Int(info - 24)) { value = value << 8 | UInt64(try byte()) }
            return value
        default: throw .unsupported
        }
    }

    private mutating func byte() throws(CBORError) -> UInt8 {
        guard position < bytes.count else { throw .truncated }
        defer { position += 1 }
        return bytes[position]
    }

    private mutating func take(_ count: UInt64) throws(CBORError) -> [UInt8] {
        guard count <= UInt64(bytes.count - position) else { throw .truncated }
        let end = position + Int(count)
        defer { position = end }
        return Array(bytes[position..<end])
    }
}

public enum CBORError: Error, Sendable, Equatable {
    case truncated, trailingBytes, tooDeep, tooManyItems, unsupported, invalidText
}
