import Testing
@testable import CBOR

/// RFC 8949 appendix A examples for what the decoder supports, and hostile inputs it must refuse
/// without trapping or allocating from a claimed length.
@Suite struct CBORDecoderTests {
    @Test func rfc8949Examples() throws {
        #expect(try CBORDecoder.decode([0x00]) == .unsigned(0))
        #expect(try CBORDecoder.decode([0x18, 0x64]) == .unsigned(100))
        #expect(try CBORDecoder.decode([0x1b, 0, 0, 0, 0xe8, 0xd4, 0xa5, 0x10, 0x00]) == .unsigned(1_000_000_000_000))
        #expect(try CBORDecoder.decode([0x20]).integer == -1)
        #expect(try CBORDecoder.decode([0x38, 0x63]).integer == -100)
        #expect(try CBORDecoder.decode([0x44, 1, 2, 3, 4]) == .bytes([1, 2, 3, 4]))
        #expect(try CBORDecoder.decode([0x62, 0x22, 0x5c]) == .text("\"\\"))
        #expect(try CBORDecoder.decode([0x83, 0x01, 0x82, 0x02, 0x03, 0x82, 0x04, 0x05])
            == .array([.unsigned(1), .array([.unsigned(2), .unsigned(3)]), .array([.unsigned(4), .unsigned(5)])]))
        let map = try CBORDecoder.decode([0xa2, 0x61, 0x61, 0x01, 0x61, 0x62, 0x82, 0x02, 0x03])
        #expect(map["a"] == .unsigned(1) && map["b"] == .array([.unsigned(2), .unsigned(3)]))
        #expect(try CBORDecoder.decode([0xf4]) == .bool(false) && CBORDecoder.decode([0xf6]) == .null)
    }

    @Test func coseKeyWithIntegerLabels() throws {
        // {1: 2, 3: -7, -1: 1}: kty EC2, alg ES256, crv P-256.
        let key = try CBORDecoder.decode([0xa3, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01])
        #expect(key[1]?.integer == 2 && key[3]?.integer == -7 && key[-1]?.integer == 1)
    }

    @Test func prefixLeavesTheRest() throws {
        let (value, length) = try CBORDecoder.decodePrefix([0x01, 0xff, 0xff])
        #expect(value == .unsigned(1) && length == 1)
        #expect(throws: CBORError.trailingBytes) { try CBORDecoder.decode([0x01, 0x02]) }
    }

    @Test func hostileInputsAreRefused() {
        #expect(throws: CBORError.truncated) { try CBORDecoder.decode([]) }
        // A byte string claiming 2^64-1 bytes, an array claiming 2^32 elements: refused before allocating.
        #expect(throws: CBORError.truncated) { try CBORDecoder.decode([0x5b] + [UInt8](repeating: 0xff, count: 8)) }
        #expect(throws: CBORError.truncated) { try CBORDecoder.decode([0x9a, 0xff, 0xff, 0xff, 0xff, 0x00]) }
        #expect(throws: CBORError.truncated) { try CBORDecoder.decode([0xba, 0xff, 0xff, 0xff, 0xff, 0x00]) }
        // Deep nesting: 100 nested one-element arrays.
        #expect(throws: CBORError.tooDeep) { try CBORDecoder.decode([UInt8](repeating: 0x81, count: 100) + [0x00]) }
        // Indefinite lengths, tags, floats, reserved additional information.
        #expect(throws: CBORError.unsupported) { try CBORDecoder.decode([0x9f, 0x01, 0xff]) }
        #expect(throws: CBORError.unsupported) { try CBORDecoder.decode([0xc0, 0x00]) }
        #expect(throws: CBORError.unsupported) { try CBORDecoder.decode([0xf9, 0x3c, 0x00]) }
        #expect(throws: CBORError.unsupported) { try CBORDecoder.decode([0x1c]) }
        // Invalid UTF-8 in a text string.
        #expect(throws: CBORError.invalidText) { try CBORDecoder.decode([0x62, 0xc3, 0x28]) }
        // Many small items: the item budget.
        let wide: [UInt8] = [0x99, 0x20, 0x00] + [UInt8](repeating: 0x80, count: 0x2000)
        #expect(throws: CBORError.tooManyItems) { try CBORDecoder.decode(wide) }
    }

    @Test func everyTruncationOfAValidItemFailsCleanly() throws {
        let item: [UInt8] = [0xa2, 0x63, 0x66, 0x6d, 0x74, 0x64, 0x6e, 0x6f, 0x6e, 0x65, 0x01, 0x42, 0xAA, 0xBB]
        _ = try CBORDecoder.decode(item)
        for cut in 0..<item.count { #expect(throws: CBORError.self) { try CBORDecoder.decode(Array(item.prefix(cut))) } }
    }
}
