
/// A model `pattern`, matched the way Coral (Java) matches it: `String.matches`, i.e. the whole
/// value must match. Java's `\w`, `\d`, `\s` are ASCII-only and its `.` stops at line terminators
/// but not at `\f` or `\x0B`; the standard library's `Regex` (like ICU's) makes them Unicode-aware,
/// so the pattern is rewritten to spell out Java's sets before it is compiled, and matched on
/// Unicode scalars (Java matches code points, not grapheme clusters).
///
/// The hot shapes (pool ids, client ids, user names, passwords: one character class repeated, or
/// `[A]+_[B]+`) never reach the regex engine: `FastPattern` checks them with one pass over the scalars.
public struct PatternMatcher: Sendable {
    public let source: String
    let fast: FastPattern?
    let regex: CompiledRegex?
    /// A final negative lookbehind on one literal, `…(?<!x)$`, checked as "does not end with x":
    /// the standard library's `Regex` has no lookbehind.
    let forbiddenEnding: String?
    /// Why `Regex` refused the translated pattern (nil when it compiled or a fast path covers it).
    public let compileError: String?

    public init(_ source: String) {
        self.source = source
        if let fast = FastPattern(source) {
            self.fast = fast
            self.regex = nil
            self.forbiddenEnding = nil
            self.compileError = nil
            return
        }
        self.fast = nil
        let (body, ending) = PatternMatcher.splitFinalLookbehind(source)
        self.forbiddenEnding = ending
        do {
            let translated = PatternMatcher.javaToICU(body)
            self.regex = CompiledRegex(try Regex(translated).matchingSemantics(.unicodeScalar))
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
        // Compared as scalars: Java looks at code points, not grapheme clusters.
        if let forbiddenEnding, value.unicodeScalars.reversed().starts(with: forbiddenEnding.unicodeScalars.reversed()) {
            return false
        }
        return regex.matchesWhole(value)
    }

    /// `A(?<!x)$` → (`A$`, "x") when `x` is one literal character (or an escaped punctuation mark);
    /// any other pattern comes back whole.
    static func splitFinalLookbehind(_ pattern: String) -> (body: String, ending: String?) {
        guard let open = pattern.ranges(of: "(?<!").last else { return (pattern, nil) }
        var rest = pattern[open.upperBound...]
        let anchored = rest.hasSuffix(")$")
        guard anchored || rest.hasSuffix(")") else { return (pattern, nil) }
        rest = rest.dropLast(anchored ? 2 : 1)
        let literal: Character
        if rest.count == 2, rest.first == "\\", let escaped = rest.last, escaped.isPunctuation || escaped.isSymbol {
            literal = escaped
        } else if rest.count == 1, let only = rest.first, !"\\.[]()|*+?{}^$".contains(only) {
            literal = only
        } else {
            return (pattern, nil)
        }
        return (String(pattern[..<open.lowerBound]) + (anchored ? "$" : ""), String(literal))
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

/// A compiled `Regex` is immutable (its lowered program is built once, atomically) and matching
/// does not mutate it, which is what makes this wrapper's `@unchecked Sendable` true; the wrapper
/// exists because `Regex<AnyRegexOutput>` is not `Sendable`.
final class CompiledRegex: @unchecked Sendable {
    let regex: Regex<AnyRegexOutput>

    init(_ regex: Regex<AnyRegexOutput>) { self.regex = regex }

    func matchesWhole(_ value: String) -> Bool {
        (try? regex.wholeMatch(in: value)) != nil
    }
}
