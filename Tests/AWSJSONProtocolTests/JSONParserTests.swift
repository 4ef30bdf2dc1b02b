import Testing
@testable import AWSJSONProtocol

private func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

private func reason(_ bytes: [UInt8]) -> JSONParseError.Reason? {
    do { _ = try JSONParser.parse(bytes); return nil } catch { return error.reason }
}

@Suite struct JSONParserTests {
    @Test func parsesEveryKind() throws {
        let value = try parse(#" {"a": [1, -2, 3.5, 1e3, true, false, null], "b": {"c": "d"}, "e": ""} "#)
        #expect(value == ["a": [1, -2, .double(3.5), .double(1000), true, false, nil], "b": ["c": "d"], "e": ""])
    }

    @Test func integersThatFitAreInts() throws {
        #expect(try parse("9223372036854775807") == .int(.max))
        #expect(try parse("-9223372036854775808") == .int(.min))
        #expect(try parse("9223372036854775808") == .double(9223372036854775808))
        #expect(try parse("123456789012345678901234567890") == .double(1.2345678901234568e29))
        #expect(try parse("-0") == .int(0))
        #expect(try parse("1547833345.777") == .double(1547833345.777))
        #expect(try parse("1E2") == .double(100))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        #expect(try parse(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{8}\u{c}\n\r\t"))
        #expect(try parse(#""\u00e9\u20AC\ud83d\ude00""#) == .string("é€😀"))
        #expect(try parse("\"é😀\"") == .string("é😀"))
    }

    @Test func rejectsLoneSurrogatesAndBadEscapes() {
        #expect(reason(Array(#""\ud83d""#.utf8)) == .invalidEscape)
        #expect(reason(Array(#""\ude00x""#.utf8)) == .invalidEscape)
        #expect(reason(Array(#""\x""#.utf8)) == .invalidEscape)
        #expect(reason(Array(#""\u12g4""#.utf8)) == .invalidEscape)
    }

    @Test func rejectsInvalidUTF8() {
        #expect(reason([0x22, 0xFF, 0x22]) == .invalidUTF8)
        #expect(reason([0x22, 0xC0, 0xAF, 0x22]) == .invalidUTF8)  // overlong "/"
        #expect(reason([0x22, 0xED, 0xA0, 0x80, 0x22]) == .invalidUTF8)  // encoded surrogate
        #expect(reason([0x22, 0x5C, 0x6E, 0xE2, 0x82, 0x22]) == .invalidUTF8)  // truncated, after an escape
        #expect(reason([0xEF, 0xBB, 0xBF, 0x7B, 0x7D]) == .unexpectedByte(0xEF))  // no BOM
    }

    @Test func rejectsWhatRFC8259Forbids() {
        for text in ["{\"a\":1,}", "[1,]", "// c\n{}", "{'a':1}", "NaN", "Infinity", "01", "1.", ".5", "-", "+1",
                     "1e", "{\"a\" 1}", "[1 2]", "\"tab\there\"", "tru", "nul", "{\"a\":}", ""] {
            #expect(reason(Array(text.utf8)) != nil, "accepted \(text)")
        }
    }

    @Test func rejectsTrailingGarbage() {
        #expect(reason(Array("{} x".utf8)) == .trailingData)
        #expect(reason(Array("{}{}".utf8)) == .trailingData)
        #expect(reason(Array("{}\n\t ".utf8)) == nil)
    }

    @Test func limitsNesting() throws {
        let ok = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(reason(Array(ok.utf8)) == nil)
        let deep = String(repeating: "[", count: 101) + String(repeating: "]", count: 101)
        #expect(reason(Array(deep.utf8)) == .tooDeep)
        let hostile = "{\"UserPoolId\":" + String(repeating: "[", count: 100_000)
        #expect(reason(Array(hostile.utf8)) == .tooDeep)
    }

    @Test func duplicateKeysLastWins() throws {
        #expect(try parse(#"{"a":1,"a":2}"#) == ["a": 2])
    }
}

@Suite struct JSONSerializerTests {
    private func text(_ value: JSONValue) -> String { String(decoding: JSONSerializer.serialize(value), as: UTF8.self) }

    @Test func compactWithSortedKeys() {
        #expect(text(["b": 1, "a": [true, nil, "x"], "C": [:]]) == #"{"C":{},"a":[true,null,"x"],"b":1}"#)
        #expect(text([:]) == "{}")
        #expect(text([]) == "[]")
    }

    @Test func escapesOnlyWhatJSONNeeds() {
        #expect(text("a\"b\\c/d\u{1}\n\u{1f}é😀\u{7f}") == #""a\"b\\c/d\u0001\u000a\u001fé😀"# + "\u{7f}\"")
    }

    @Test func numbersPrintTheWayAWSSendsThem() {
        #expect(text(.double(1547833345.777)) == "1547833345.777")
        #expect(text(.double(1548108509.537)) == "1548108509.537")
        #expect(text(.double(1547833345.0)) == "1547833345")
        #expect(text(.double(-0.5)) == "-0.5")
        #expect(text(.int(.min)) == "-9223372036854775808")
        #expect(text(.int(0)) == "0")
        #expect(text(.double(.nan)) == "null")
    }

    @Test func roundTrips() throws {
        let samples = [#"{"a":[1,2.5,"x\u0000y",{"b":null}],"c":true}"#, #"{"k":"é€😀\\\""}"#, "[]", #""""#]
        for sample in samples {
            let value = try JSONParser.parse(Array(sample.utf8))
            #expect(try JSONParser.parse(JSONSerializer.serialize(value)) == value)
        }
        #expect(text(try JSONParser.parse(Array(samples[0].utf8))) == samples[0])
    }
}
