import CBOR

/// The property the CBOR fuzz target checks: the decoder never traps on any input, and what it
/// accepts is within its bounds (depth, item count) and fits in the input.
public enum CBORCheck {
    public static func run(_ data: [UInt8]) {
        guard let (value, length) = try? CBORDecoder.decodePrefix(data) else { return }
        precondition(length >= 1 && length <= data.count, "decoded length \(length) outside the input")
        precondition(depth(value) <= CBORDecoder.maxDepth, "nesting beyond maxDepth")
        if length == data.count { precondition((try? CBORDecoder.decode(data)) == value, "decode and decodePrefix disagree") }
    }

    static func depth(_ value: CBORValue) -> Int {
        switch value {
        case .array(let elements): return 1 + (elements.map(depth).max() ?? 0)
        case .map(let pairs): return 1 + (pairs.map { max(depth($0.0), depth($0.1)) }.max() ?? 0)
        default: return 1
        }
    }
}
