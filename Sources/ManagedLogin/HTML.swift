/// A fragment of HTML that is safe to send: made only by `text` (which escapes), by `element`
/// (static tag and attribute names, escaped attribute values) or from static markup. User input
/// can reach a page only as text or as an attribute value, so escaping holds by construction.
struct HTML: Sendable {
    let rendered: String

    private init(rendered: String) { self.rendered = rendered }

    /// Markup written in this module's source, never built from input.
    init(static markup: StaticString) { rendered = "\(markup)" }

    static func text(_ value: String) -> HTML { HTML(rendered: escape(value)) }

    static func element(_ tag: StaticString, _ attributes: [(StaticString, String)] = [], _ children: [HTML] = []) -> HTML {
        var out = "<\(tag)"
        for (name, value) in attributes { out += " \(name)=\"\(escape(value))\"" }
        out += ">"
        if voidElements.contains("\(tag)") { return HTML(rendered: out) }
        return HTML(rendered: out + children.map(\.rendered).joined() + "</\(tag)>")
    }

    /// The same with the attributes written as a dictionary literal (`["href": url]`).
    static func element(_ tag: StaticString, attributes: KeyValuePairs<StaticString, String>, _ children: [HTML] = []) -> HTML {
        element(tag, attributes.map { ($0.key, $0.value) }, children)
    }

    static func group(_ children: [HTML]) -> HTML { HTML(rendered: children.map(\.rendered).joined()) }

    /// An SVG drawing made by this module from numbers only (the QR code).
    static func svg(numbersOnly markup: String) -> HTML { HTML(rendered: markup) }

    private static let voidElements: Set<String> = ["input", "meta", "br", "img", "link"]

    /// HTML 5 escaping of text and double-quoted attribute values.
    static func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for character in value.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
