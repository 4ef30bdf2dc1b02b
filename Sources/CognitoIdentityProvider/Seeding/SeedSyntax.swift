import AWSJSONProtocol
import FoundationEssentials
import Glibc

/// Words for a seed file that cannot be read or parsed, for people editing it by hand: the line
/// and column of a JSON syntax error and what was wrong there, never the parser's internal names.
enum SeedSyntax {
    /// `not valid JSON at line 3, column 14: unexpected ',' (a value was expected)`.
    static func describe(_ error: JSONParseError, in bytes: [UInt8]) -> String {
        let (line, column) = position(of: error.offset, in: bytes)
        return "not valid JSON at line \(line), column \(column): \(reason(error.reason))"
    }

    /// 1-based line and column (in characters: UTF-8 continuation bytes do not count) of `offset`.
    static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in bytes.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    private static func reason(_ reason: JSONParseError.Reason) -> String {
        switch reason {
        case .unexpectedEnd: return "the file ends too early (an unclosed object, array or string?)"
        case .unexpectedByte(let byte): return "unexpected \(shown(byte)) (a missing or extra comma, quote or bracket? comments are not allowed)"
        case .invalidUTF8: return "the text is not valid UTF-8"
        case .invalidEscape: return "an invalid escape sequence in a string"
        case .invalidNumber: return "an invalid number"
        case .tooDeep: return "nested more than \(JSONParser.defaultMaxDepth) levels deep"
        case .trailingData: return "more text after the end of the document"
        }
    }

    private static func shown(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "\n"): return "end of line"
        case UInt8(ascii: "'"): return "\"'\""
        case 0x21...0x7E: return "'\(Character(Unicode.Scalar(byte)))'"
        default:
            // "byte 0x%02X": two upper-case hex digits.
            let hex = String(byte, radix: 16, uppercase: true)
            return "byte 0x" + (hex.count < 2 ? "0" + hex : hex)
        }
    }
}

extension SeedSyntax {
    struct SystemReason: Error { let text: String }

    /// The file's bytes, or the operating system's words for why it cannot be read
    /// (`strerror`: "No such file or directory", "Permission denied", "Is a directory").
    static func readFile(_ path: String) -> Result<[UInt8], SystemReason> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(SystemReason(text: String(cString: strerror(errno)))) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(SystemReason(text: String(cString: strerror(errno))))
            }
            if count == 0 { return .success(bytes) }
            bytes += chunk[..<count]
        }
    }
}
