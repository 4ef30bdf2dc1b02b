import FoundationEssentials

/// Checks an operation's input against its model shape, the way Cognito's Coral front end does:
/// first deserialization (`SerializationCheck`, → `SerializationException`), then every model
/// constraint (→ `InvalidParameterException` with Coral's message, spec 5.3), e.g.
/// `2 validation errors detected: Value 'Aaaa' at 'userCode' failed to satisfy constraint: …; …`.
///
/// Reporting order, chosen from the real messages that survive in public issues:
/// * members of a structure in Java HashMap order of their lowerCamel names (generated `order`);
///   a real SignUp answer lists 'password' before 'username'
///   (https://github.com/amazon-archives/amazon-cognito-identity-js/issues/388);
/// * the violations of one member in Java HashSet order of their full texts (bounds inserted
///   before the pattern). This reproduces all three two-violation examples known (userCode:
///   pattern first; username and password in #388: length first), which no fixed order does;
/// * a member's own violations before those found inside it.
public struct InputValidator: Sendable {
    public let table: ShapeTable
    /// Coral stops collecting after ten violations (kinesalite mirrors that limit).
    public static let maxReported = 10

    public init(table: ShapeTable) { self.table = table }

    /// Returns the input as handlers should see it (see `SerializationCheck` for the coercions).
    public func validate(_ input: JSONValue, shape shapeName: String) throws(AWSServiceError) -> JSONValue {
        guard let index = table.index(of: shapeName) else { return input }
        let spec = table.shapes[index]
        let normalized = try SerializationCheck.normalize(input, spec, table)
        var violations: [String] = []
        checkStructure(normalized, spec, path: "", into: &violations)
        if violations.isEmpty { return normalized }
        let count = violations.count
        let noun = count == 1 ? "error" : "errors"
        throw AWSServiceError.invalidParameter(
            "\(count) validation \(noun) detected: " + violations.joined(separator: "; "))
    }

    func checkStructure(_ value: JSONValue, _ spec: ShapeSpec, path: String, into violations: inout [String]) {
        let members = value.objectValue ?? [:]
        for position in spec.reportOrder {
            let member = spec.members[position]
            let memberPath = path.isEmpty ? member.pathName : path + "." + member.pathName
            checkMember(members[member.name], table.shapes[member.shape], required: member.required,
                        path: memberPath, into: &violations)
        }
    }

    func checkMember(_ value: JSONValue?, _ spec: ShapeSpec, required: Bool, path: String, into violations: inout [String]) {
        guard violations.count < InputValidator.maxReported else { return }
        guard let value else {
            if required { add([ViolationText.make(nil, spec, table, path, "Member must not be null")], into: &violations) }
            return
        }
        var own = failedConstraints(value, spec).map { ViolationText.make(value, spec, table, path, $0) }
        if let description = elementViolation(value, spec) {
            own.append(ViolationText.make(value, spec, table, path, description))
        }
        add(own, into: &violations)
        switch (spec.kind, value) {
        case (.structure, _):
            checkStructure(value, spec, path: path, into: &violations)
        case (.list, .array(let elements)):
            let element = table.shapes[spec.element!]
            guard element.kind == .structure else { return }
            for (offset, item) in elements.enumerated() {
                checkStructure(item, element, path: "\(path).\(offset + 1).member", into: &violations)
            }
        case (.map, .object(let entries)):
            let element = table.shapes[spec.element!]
            guard element.kind == .structure else { return }
            let keys = Array(entries.keys)
            for position in JavaHashOrder.order(keys) {
                checkStructure(entries[keys[position]]!, element, path: "\(path).\(keys[position]).member", into: &violations)
            }
        default:
            return
        }
    }

    /// Adds one member's violations in Java HashSet order of their texts, up to the limit.
    func add(_ texts: [String], into violations: inout [String]) {
        for position in JavaHashOrder.order(texts) where violations.count < InputValidator.maxReported {
            violations.append(texts[position])
        }
    }

    /// The constraint texts `value` fails, in the order Coral adds them to the member's HashSet:
    /// bounds, then pattern, then enum. Insertion order only shows when two texts share a bucket,
    /// as they do for 'username' in #388, where the length text comes first.
    func failedConstraints(_ value: JSONValue, _ spec: ShapeSpec) -> [String] {
        var failed: [String] = []
        switch spec.kind {
        case .integer, .long, .double, .float:
            guard let number = value.doubleValue else { break }
            if let min = spec.min, number < Double(min) { failed.append(ConstraintText.minValue(min)) }
            if let max = spec.max, number > Double(max) { failed.append(ConstraintText.maxValue(max)) }
        default:
            guard let length = ConstraintText.length(of: value, spec.kind) else { break }
            if let min = spec.min, length < min { failed.append(ConstraintText.minLength(min)) }
            if let max = spec.max, length > max { failed.append(ConstraintText.maxLength(max)) }
        }
        if let pattern = spec.pattern, case .string(let text) = value, !table.matchers[pattern].matches(text) {
            failed.append("Member must satisfy regular expression pattern: " + table.patterns[pattern])
        }
        if let enumSet = spec.enumSet, case .string(let text) = value, !enumSet.contains(text) {
            failed.append(ConstraintText.enumeration(spec))
        }
        return failed
    }

    /// Lists and maps of scalars report their elements' failures once, at the collection's path:
    /// `Member must satisfy constraint: [...]` (lists) or `Map value/keys must satisfy
    /// constraint: [...]` (maps), naming every constraint of the element shape.
    func elementViolation(_ value: JSONValue, _ spec: ShapeSpec) -> String? {
        switch (spec.kind, value) {
        case (.list, .array(let elements)):
            let element = table.shapes[spec.element!]
            guard element.kind != .structure, elements.contains(where: { !failedConstraints($0, element).isEmpty })
            else { return nil }
            return "Member must satisfy constraint: [" + ConstraintText.all(element, table) + "]"
        case (.map, .object(let entries)):
            let keyShape = table.shapes[spec.key!]
            if entries.keys.contains(where: { !failedConstraints(.string($0), keyShape).isEmpty }) {
                return "Map keys must satisfy constraint: [" + ConstraintText.all(keyShape, table) + "]"
            }
            let element = table.shapes[spec.element!]
            guard element.kind != .structure, entries.values.contains(where: { !failedConstraints($0, element).isEmpty })
            else { return nil }
            return "Map value must satisfy constraint: [" + ConstraintText.all(element, table) + "]"
        default:
            return nil
        }
    }
}
