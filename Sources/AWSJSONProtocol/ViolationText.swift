import FoundationEssentials

/// Coral's constraint wording (spec 5.3; lists and maps: the explicitAuthFlows answer quoted in
/// https://github.com/aws-solutions/media-insights-on-aws/pull/199 and the Cognito Identity map
/// answer in https://github.com/aws/aws-cdk/issues/31795, both listing max length, then min length,
/// then pattern).
enum ConstraintText {
    static func minLength(_ bound: Int64) -> String { "Member must have length greater than or equal to \(bound)" }
    static func maxLength(_ bound: Int64) -> String { "Member must have length less than or equal to \(bound)" }
    static func minValue(_ bound: Int64) -> String { "Member must have value greater than or equal to \(bound)" }
    static func maxValue(_ bound: Int64) -> String { "Member must have value less than or equal to \(bound)" }

    static func enumeration(_ spec: ShapeSpec) -> String {
        "Member must satisfy enum value set: [" + (spec.enumValues ?? []).joined(separator: ", ") + "]"
    }

    /// Every constraint of an element shape, as listed inside `…must satisfy constraint: [...]`.
    static func all(_ spec: ShapeSpec, _ table: ShapeTable) -> String {
        var parts: [String] = []
        let numeric = [.integer, .long, .double, .float].contains(spec.kind)
        if let max = spec.max { parts.append(numeric ? maxValue(max) : maxLength(max)) }
        if let min = spec.min { parts.append(numeric ? minValue(min) : minLength(min)) }
        if let pattern = spec.pattern { parts.append("Member must satisfy regular expression pattern: " + table.patterns[pattern]) }
        if spec.enumValues != nil { parts.append(enumeration(spec)) }
        return parts.joined(separator: ", ")
    }

    /// Java `String.length()` counts UTF-16 code units; blobs count decoded bytes.
    static func length(of value: JSONValue, _ kind: ShapeSpec.Kind) -> Int64? {
        switch value {
        case .string(let text):
            if kind == .blob { return Int64(Data(base64Encoded: text)?.count ?? text.utf8.count * 3 / 4) }
            return Int64(text.utf16.count)
        case .array(let elements): return Int64(elements.count)
        case .object(let entries): return Int64(entries.count)
        default: return nil
        }
    }
}

/// One violation line: `Value <v> at '<path>' failed to satisfy constraint: <constraint>`.
///
/// Values render as Java's `toString` would: strings as they are, numbers and booleans as text,
/// lists as `[a, b]`, maps as `{k=v, …}` (Java HashMap order), all quoted `'…'`; an absent value is
/// `null` unquoted. An empty string prints no value at all (`Value at 'username'`), as in the real
/// answers quoted in amazon-cognito-identity-js#388 and ks888/LambStatus#6, where the failing
/// `length greater than or equal to 1` shows the value was empty. Structures (only ever seen inside
/// a list that is too long) print as `ShapeName(member=value, …)`; no real sample was found.
///
/// A value of a shape the model marks sensitive is never printed: `Value at 'password' failed to
/// satisfy constraint: ...`, as AWS answers for passwords, tokens, sessions, secrets, client ids and
/// usernames (the `Value at 'clientId'` and `Value at 'username'` texts users quote). Inside a
/// printed list or structure a sensitive value shows as `***Sensitive Data Redacted***`, the AWS
/// SDK for Java's `toString` text [I: no real sample of a nested sensitive value was found].
/// An absent sensitive value still prints `null` [I]: it reveals nothing.
enum ViolationText {
    static let redacted = "***Sensitive Data Redacted***"

    static func make(_ value: JSONValue?, _ spec: ShapeSpec, _ table: ShapeTable, _ path: String, _ constraint: String) -> String {
        let shown: String
        if let value, spec.sensitive {
            shown = value.isNull ? "null " : ""
        } else if let value {
            let text = render(value, spec, table)
            shown = text.isEmpty ? "" : "'" + text + "' "
        } else {
            shown = "null "
        }
        return "Value " + shown + "at '" + path + "' failed to satisfy constraint: " + constraint
    }

    static func render(_ value: JSONValue, _ spec: ShapeSpec?, _ table: ShapeTable) -> String {
        if spec?.sensitive == true, !value.isNull { return redacted }
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number): return String(number)
        case .string(let text): return text
        case .array(let elements):
            let element = spec?.element.map { table.shapes[$0] }
            return "[" + elements.map { render($0, element, table) }.joined(separator: ", ") + "]"
        case .object(let entries):
            if let spec, spec.kind == .structure {
                let fields = spec.members.map { member in
                    member.pathName + "=" + render(entries[member.name] ?? .null, table.shapes[member.shape], table)
                }
                return spec.name + "(" + fields.joined(separator: ", ") + ")"
            }
            let element = spec?.element.map { table.shapes[$0] }
            let keys = Array(entries.keys)
            return "{" + JavaHashOrder.order(keys).map { keys[$0] + "=" + render(entries[keys[$0]]!, element, table) }
                .joined(separator: ", ") + "}"
        }
    }
}
