extension StringProtocol {
    /// The text without leading and trailing whitespace as Foundation's `CharacterSet.whitespaces`
    /// defines it (Unicode general category Zs, and tab), which FoundationEssentials lacks.
    public func trimmingWhitespaces() -> String {
        let scalars = unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
