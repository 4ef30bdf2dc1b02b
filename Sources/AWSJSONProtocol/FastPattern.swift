/// Patterns simple enough to check without a regex engine: `[C]+`, `[C]*` (optionally wrapped in
/// `^…$`) and `[A]+x[B]+` where the literal `x` is not in `B` (so `B` must be exactly the text
/// after the last `x`). Character classes may hold literals, ranges, `\xHH`, `\t\n\r`, `\w`, `\s`,
/// `\S` (Java meanings: ASCII word characters, Java whitespace) and `\p{L|M|S|N|P|Z}`.
struct FastPattern: Sendable {
    let first: CharClass
    let firstAllowsEmpty: Bool
    let tail: (separator: Unicode.Scalar, rest: CharClass)?

    init?(_ pattern: String) {
        var scalars = Array(pattern.unicodeScalars)
        if scalars.first == "^", scalars.last == "$" { scalars = Array(scalars.dropFirst().dropLast()) }
        var position = 0
        guard let first = CharClass.parse(scalars, &position), position < scalars.count,
            scalars[position] == "+" || scalars[position] == "*"
        else { return nil }
        self.first = first
        self.firstAllowsEmpty = scalars[position] == "*"
        position += 1
        if position == scalars.count { tail = nil; return }
        guard !firstAllowsEmpty, scalars.count - position >= 4 else { return nil }
        let separator = scalars[position]
        guard separator.properties.isAlphabetic || separator == "_" || separator == "@" else { return nil }
        position += 1
        guard let rest = CharClass.parse(scalars, &position), position == scalars.count - 1,
            scalars[position] == "+", !rest.contains(separator)
        else { return nil }
        tail = (separator, rest)
    }

    func matches(_ value: String) -> Bool {
        let scalars = value.unicodeScalars
        guard let (separator, rest) = tail else {
            if scalars.isEmpty { return firstAllowsEmpty }
            return scalars.allSatisfy(first.contains)
        }
        guard let split = scalars.lastIndex(of: separator) else { return false }
        let head = scalars[..<split]
        let after = scalars[scalars.index(after: split)...]
        return !head.isEmpty && !after.isEmpty && head.allSatisfy(first.contains) && after.allSatisfy(rest.contains)
    }
}

/// A bracketed character class without negation or nesting.
struct CharClass: Sendable {
    var ranges: [ClosedRange<UInt32>] = []
    var categories: [Character] = []  // L, M, S, N, P, Z
    var nonSpace = false

    static let javaSpace: Set<UInt32> = [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D]

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        for range in ranges where range.contains(value) { return true }
        if nonSpace, !CharClass.javaSpace.contains(value) { return true }
        if categories.isEmpty { return false }
        let group = CharClass.group(of: scalar.properties.generalCategory)
        return categories.contains(group)
    }

    static func group(of category: Unicode.GeneralCategory) -> Character {
        switch category {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return "L"
        case .nonspacingMark, .spacingMark, .enclosingMark: return "M"
        case .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol: return "S"
        case .decimalNumber, .letterNumber, .otherNumber: return "N"
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return "P"
        case .spaceSeparator, .lineSeparator, .paragraphSeparator: return "Z"
        default: return "C"
        }
    }

    /// Parses `[...]` at `position`; nil (fast path refused) for anything unsupported.
    static func parse(_ scalars: [Unicode.Scalar], _ position: inout Int) -> CharClass? {
        guard position < scalars.count, scalars[position] == "[" else { return nil }
        position += 1
        var result = CharClass()
        var pending: UInt32?  // last single scalar, possible range start
        while position < scalars.count {
            let scalar = scalars[position]
            position += 1
            if scalar == "]" {
                if let pending { result.ranges.append(pending...pending) }
                return result
            }
            var single: UInt32?
            if scalar == "\\" {
                guard position < scalars.count else { return nil }
                let escaped = scalars[position]
                position += 1
                switch escaped {
                case "w": result.ranges += [0x61...0x7A, 0x41...0x5A, 0x30...0x39, 0x5F...0x5F]
                case "s": result.ranges += javaSpace.map { $0...$0 }
                case "S": result.nonSpace = true
                case "t": single = 0x09
                case "n": single = 0x0A
                case "r": single = 0x0D
                case "x":
                    guard position + 2 <= scalars.count,
                        let hex = UInt32(String(String.UnicodeScalarView(scalars[position..<position + 2])), radix: 16)
                    else { return nil }
                    position += 2
                    single = hex
                case "p":
                    guard position + 3 <= scalars.count, scalars[position] == "{", scalars[position + 2] == "}",
                        "LMSNPZ".unicodeScalars.contains(scalars[position + 1])
                    else { return nil }
                    result.categories.append(Character(scalars[position + 1]))
                    position += 3
                case "-", ".", "+", "=", "/", "@", ",", "_": single = escaped.value
                default: return nil
                }
            } else if scalar == "-", let start = pending, position < scalars.count, scalars[position] != "]" {
                let end = scalars[position]
                guard end != "\\", end.value >= start else { return nil }
                position += 1
                result.ranges.append(start...end.value)
                pending = nil
                continue
            } else if scalar == "[" || scalar == "^" && pending == nil && result.ranges.isEmpty {
                return nil
            } else {
                single = scalar.value
            }
            if let pending { result.ranges.append(pending...pending) }
            pending = single
        }
        return nil
    }
}
