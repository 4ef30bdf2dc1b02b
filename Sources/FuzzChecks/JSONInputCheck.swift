import AWSJSONProtocol

/// The property the JSON fuzz target checks on every input: the request body path of the AWS JSON
/// layer, `JSONParser` → `InputValidator` (against a few real input shapes) → a handler that echoes
/// its input → `JSONSerializer`, through `AWSJSONService.respond` as the server calls it.
///
/// The first byte picks the operation; the rest is the body. Invariants:
/// * nothing traps;
/// * the answer is 200 or 400, never 500 (the echo handler cannot fail);
/// * every answer body is JSON our own parser reads back; an error body is an object with a
///   string `__type`, and the error headers hold no CR or LF;
/// * a 200 echoes exactly what the validator passed on, and serializing then parsing a parsed
///   value gives the same value (numbers included);
/// * no value of a member the model marks sensitive (password, session, ...) is quoted in an error
///   message or the `x-amzn-ErrorMessage` header, unless a non-sensitive member carries it too.
public enum JSONInputCheck {
    public static let operations = [
        "SetUserPoolMfaConfig", "AdminCreateUser", "CreateUserPool", "InitiateAuth",
        "RespondToAuthChallenge", "SignUp", "AdminSetUserMFAPreference", "ListUsers",
    ]

    static let service: AWSJSONService = {
        let definitions = operations.map { name in
            OperationDefinition(name: name, inputShape: name + "Request") { input, _ in input }
        }
        return AWSJSONService(targetPrefix: "AWSCognitoIdentityProviderService", operations: definitions)
    }()

    static let context = RequestContext(requestId: "00000000-0000-4000-8000-000000000000", region: "us-east-1", host: nil)

    public static func run(_ data: [UInt8]) {
        guard let first = data.first else { return }
        let operation = operations[Int(first) % operations.count]
        let body = Array(data.dropFirst())

        // Parser and serializer agree with each other.
        if let value = try? JSONParser.parse(body) {
            let text = JSONSerializer.serialize(value)
            let again: JSONValue
            do { again = try JSONParser.parse(text) } catch {
                preconditionFailure("serializer output does not parse (\(error)): \(String(decoding: text, as: UTF8.self))")
            }
            precondition(equivalent(again, value), "round trip changed the value")
        }

        let answer = service.respond(target: "AWSCognitoIdentityProviderService." + operation, body: body, context: context)
        precondition(answer.status == 200 || answer.status == 400, "status \(answer.status) for \(operation)")
        for (name, value) in answer.headers {
            precondition(!name.utf8.contains(where: { $0 < 0x20 }) && !value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A }),
                         "header \(name) can split a header line")
        }
        let decoded: JSONValue
        do { decoded = try JSONParser.parse(answer.body) } catch {
            preconditionFailure("answer body is not JSON (\(error)): \(String(decoding: answer.body, as: UTF8.self))")
        }
        if answer.status == 400 {
            precondition(decoded["__type"]?.stringValue != nil, "error without __type")
            if let input = try? JSONParser.parse(body), let shape = CognitoIdentityProviderModel.table[operation + "Request"] {
                var secret: [String] = [], plain: [String] = []
                strings(in: input, shape, sensitive: false, secret: &secret, plain: &plain)
                let header = answer.headers.first { $0.0 == "x-amzn-ErrorMessage" }?.1 ?? ""
                for value in secret where !plain.contains(where: { $0.contains(value) }) {
                    let quoted = "Value '" + value + "' at"
                    precondition(!(decoded["message"]?.stringValue ?? "").contains(quoted) && !header.contains(quoted),
                                 "sensitive value echoed")
                }
            }
        } else {
            guard case .object = decoded else { preconditionFailure("200 answer is not an object") }
        }
    }

    /// The string values in `value`, split by whether the model marks them (or a container holding
    /// them) sensitive; map keys count as plain.
    static func strings(in value: JSONValue, _ spec: ShapeSpec, sensitive: Bool, secret: inout [String], plain: inout [String]) {
        let table = CognitoIdentityProviderModel.table
        let hidden = sensitive || spec.sensitive
        switch value {
        case .string(let text): if hidden { secret.append(text) } else { plain.append(text) }
        case .array(let elements):
            for element in elements {
                if let index = spec.element { strings(in: element, table.shapes[index], sensitive: hidden, secret: &secret, plain: &plain) }
            }
        case .object(let entries):
            for (key, item) in entries {
                if spec.kind == .structure {
                    guard let member = spec.members.first(where: { $0.name == key }) else { continue }
                    strings(in: item, table.shapes[member.shape], sensitive: hidden, secret: &secret, plain: &plain)
                } else if let index = spec.element {
                    plain.append(key)
                    strings(in: item, table.shapes[index], sensitive: hidden, secret: &secret, plain: &plain)
                }
            }
        default: break
        }
    }

    /// Equal, except that NaN-free doubles compare by value and -0.0 equals 0.0 (both print as 0).
    static func equivalent(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.double(let x), .double(let y)): return x == y
        case (.int(let x), .double(let y)), (.double(let y), .int(let x)): return Double(x) == y
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { equivalent($0, $1) }
        case (.object(let x), .object(let y)):
            return x.count == y.count && x.allSatisfy { key, value in y[key].map { equivalent(value, $0) } ?? false }
        default: return a == b
        }
    }
}
