import Foundation

/// A model `pattern`, matched the way Coral (Java) matches it: `String.matches`, i.e. the whole
/// value must match. Java's `\w`, `\d`, `\s` are ASCII-only and its `.` stops at line terminators
/// but not at `\f` or `\x0B`; ICU's (NSRegularExpression) are Unicode-aware, so the pattern is
/// rewritten to spell out Java's sets before it is compiled.
///
/// The hot shapes (pool ids, client ids, user names, passwords: one character class repeated, or
/// `[A]+_[B]+`) never reach ICU: `FastPattern` checks them with one pass over the scalars.
public struct PatternMatcher: Sendable {
    public let source: String
    let fast: FastPattern?
    let regex: CompiledRegex?
    /// Why ICU refused the translated pattern (nil when it compiled or a fast path covers it).
    public let compileError: String?

    public init(_ source: String) {
        self.source = source
        if let fast = FastPattern(source) {
            self.fast = fast
            self.regex = nil
            self.compileError = nil
            return
        }
        self.fast = nil
        do {
            let translated = "(?:" + PatternMatcher.javaToICU(source) + ")\\z"
            self.regex = CompiledRegex(try NSRegularExpression(pattern: translated))
            self.compileError = nil
        } catch {
            self.regex = nil
            self.compileError = "\(error)"
        }
    }

    /// True when the whole of `value` matches. A pattern that failed to compile matches everything.
    public func matches(_ value: String) -> Bool {
        if let fast { return fast.matches(value) }
        guard let regex else { return true }
        return regex.matchesWhole(value)
    }

    static let javaSpaceInClass = #" \t\n\x0B\f\r"#
    static let javaNonSpaceInClass = #"\x{0}-\x{8}\x{E}-\x{1F}\x{21}-\x{10FFFF}"#

    /// Rewrites Java-only meanings into ICU syntax (see the type's documentation).
    static func javaToICU(_ pattern: String) -> String {
        var out = ""
        var inClass = false
        let dotAll = pattern.hasPrefix("(?s)")
        var iterator = pattern.makeIterator()
        while let char = iterator.next() {
            if char == "\\", let next = iterator.next() {
                switch (next, inClass) {
                case ("w", false): out += "[a-zA-Z_0-9]"
                case ("w", true): out += "a-zA-Z_0-9"
                case ("W", false): out += "[^a-zA-Z_0-9]"
                case ("d", false): out += "[0-9]"
                case ("d", true): out += "0-9"
                case ("D", false): out += "[^0-9]"
                case ("s", false): out += "[" + javaSpaceInClass + "]"
                case ("s", true): out += javaSpaceInClass
                case ("S", false): out += "[^" + javaSpaceInClass + "]"
                case ("S", true): out += javaNonSpaceInClass
                default: out.append(char); out.append(next)
                }
                continue
            }
            if char == "[" { inClass = true } else if char == "]" { inClass = false }
            if char == ".", !inClass, !dotAll {
                out += #"[^\n\r\x{85}\x{2028}\x{2029}]"#
            } else {
                out.append(char)
            }
        }
        return out
    }
}

/// NSRegularExpression is immutable once built and documented as safe to use from several
/// threads at once, which is what makes this wrapper's `@unchecked Sendable` true.
final class CompiledRegex: @unchecked Sendable {
    let regex: NSRegularExpression

    init(_ regex: NSRegularExpression) { self.regex = regex }

    func matchesWhole(_ value: String) -> Bool {
        let range = NSRange(location: 0, length: value.utf16.count)
        return regex.firstMatch(in: value, options: [.anchored], range: range) != nil
    }
}
