/// The deserialization step: a member whose JSON type cannot become the model type fails the
/// whole request with `SerializationException`, before any constraint is looked at.
///
/// Messages are the ones current Coral services answer (not yet captured from Cognito itself):
/// * `NUMBER_VALUE can not be converted to a String`, `TRUE_VALUE can not be converted to a String`,
///   `STRING_VALUE can not be converted to an Integer`, `TRUE_VALUE … an Integer`,
///   `Start of list found where not expected`, `Start of structure or map found where not
///   expected.`, `Expected list or null`, `Expected null`: measured against Athena (JSON 1.1) and
///   recorded in public emulator code (athena-local notes, 2026-09-23); the Integer one is also
///   a real CodeDeploy answer quoted in https://github.com/aws/aws-cdk/pull/27087.
/// * `STRING_VALUE can not be converted to a Long`: real answer mocked in segmentio action-destinations
///   (Amazon AMC) tests.
/// * `STRING_VALUE can not be converted to an Boolean` (sic): probed value recorded in floci's SES v2
///   tests; `Expected map or null`: dynalite/kinesalite, which were written against live services.
/// * Older Cognito answers used Java class names (`class com.amazon.coral.value.json.numbers.
///   TruncatingBigNumber can not be converted to an String`, https://github.com/pmill/aws-cognito/issues/10,
///   2018); the current family above is used instead.
/// Coercions Coral performs instead of failing: a decimal for an integer is truncated (measured on
/// Athena), and the strings true/false/yes/no/1/0 (any case) are accepted for a boolean (kinesalite
/// notes, floci). A `null` element inside a list or map is dropped (measured on Athena); a `null`
/// member is an absent member. Unknown members are dropped: Coral ignores them.
enum SerializationCheck {
    static func failure(_ message: String?) -> AWSServiceError {
        AWSServiceError(type: "SerializationException", message: message)
    }

    static func describe(_ value: JSONValue, as target: String) -> String {
        switch value {
        case .array: return "Start of list found where not expected"
        case .object: return "Start of structure or map found where not expected."
        case .bool(true): return "TRUE_VALUE can not be converted to \(target)"
        case .bool(false): return "FALSE_VALUE can not be converted to \(target)"
        case .int, .double: return "NUMBER_VALUE can not be converted to \(target)"
        case .string, .null: return "STRING_VALUE can not be converted to \(target)"
        }
    }

    static let booleanWords: [String: Bool] = ["true": true, "false": false, "yes": true, "no": false, "1": true, "0": false]

    /// Returns the value as handlers see it, or throws the Coral deserialization error.
    static func normalize(_ value: JSONValue, _ spec: ShapeSpec, _ table: ShapeTable) throws(AWSServiceError) -> JSONValue {
        switch spec.kind {
        case .document:
            return value
        case .structure:
            guard case .object(let members) = value else {
                if case .array = value { throw failure("Start of list found where not expected") }
                throw failure("Expected null")
            }
            var result: [String: JSONValue] = [:]
            result.reserveCapacity(members.count)
            for member in spec.members {
                guard let raw = members[member.name], !raw.isNull else { continue }
                result[member.name] = try normalize(raw, table.shapes[member.shape], table)
            }
            return .object(result)
        case .list:
            guard case .array(let elements) = value else {
                if case .object = value { throw failure("Start of structure or map found where not expected.") }
                throw failure("Expected list or null")
            }
            let element = table.shapes[spec.element!]
            var result: [JSONValue] = []
            result.reserveCapacity(elements.count)
            for item in elements where !item.isNull { result.append(try normalize(item, element, table)) }
            return .array(result)
        case .map:
            guard case .object(let entries) = value else {
                if case .array = value { throw failure("Start of list found where not expected") }
                throw failure("Expected map or null")
            }
            let element = table.shapes[spec.element!]
            var result: [String: JSONValue] = [:]
            for (key, item) in entries where !item.isNull { result[key] = try normalize(item, element, table) }
            return .object(result)
        case .string:
            if case .string = value { return value }
            throw failure(describe(value, as: "a String"))
        case .integer, .long:
            switch value {
            case .int: return value
            case .double(let number) where number.isFinite && abs(number) < 9.2e18:
                return .int(Int64(number.rounded(.towardZero)))
            default: throw failure(describe(value, as: spec.kind == .integer ? "an Integer" : "a Long"))
            }
        case .boolean:
            if case .bool = value { return value }
            if case .string(let text) = value, let flag = booleanWords[text.lowercased()] { return .bool(flag) }
            throw failure(describe(value, as: "an Boolean"))
        case .double, .float, .timestamp:
            if case .int = value { return value }
            if case .double = value { return value }
            let target = spec.kind == .timestamp ? "a Timestamp" : spec.kind == .double ? "a Double" : "a Float"
            throw failure(describe(value, as: target))
        case .blob:
            if case .string = value { return value }
            throw failure(describe(value, as: "a Blob"))
        }
    }
}
