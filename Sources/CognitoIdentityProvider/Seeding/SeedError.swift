import AWSJSONProtocol

/// Why a seed file cannot be loaded: the file, the JSON path of the offending value (for example
/// `$.pools[0].users[2].password`) and the problem, in the words the real operation would use.
public struct SeedError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let path: String
    public let problem: String

    public init(file: String, path: String, problem: String) {
        self.file = file
        self.path = path
        self.problem = problem
    }

    /// `fixtures/bad.json: $.pools[0].users[2].password: InvalidPasswordException: Password did not conform ...`
    public var description: String { "\(file): \(path): \(problem)" }

    /// An error of the service (an `AWSServiceError`) or anything else, at `path`.
    static func wrapping(_ error: any Error, file: String, path: String) -> SeedError {
        if let seed = error as? SeedError { return seed }
        if let service = error as? AWSServiceError {
            return SeedError(file: file, path: path, problem: "\(service.type): \(service.message ?? "(no message)")")
        }
        return SeedError(file: file, path: path, problem: "\(error)")
    }
}

/// A JSON value together with where it sits in its seed file, so that every type or shape problem
/// names its path.
struct SeedNode {
    let value: JSONValue
    let path: String
    let file: String

    func fail(_ problem: String) -> SeedError { SeedError(file: file, path: path, problem: problem) }

    /// The members of an object, after checking that no member outside `allowed` is present.
    func object(allowed: Set<String>) throws(SeedError) -> [String: JSONValue] {
        guard case .object(let members) = value else { throw fail("expected an object") }
        if let unknown = members.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw SeedError(
                file: file, path: "\(path).\(unknown)",
                problem: "unknown member (expected one of: \(allowed.sorted().joined(separator: ", ")))")
        }
        return members
    }

    func member(_ name: String) -> SeedNode? {
        guard let child = value[name], !child.isNull else { return nil }
        return SeedNode(value: child, path: "\(path).\(name)", file: file)
    }

    func required(_ name: String) throws(SeedError) -> SeedNode {
        guard let child = member(name) else { throw SeedError(file: file, path: "\(path).\(name)", problem: "required") }
        return child
    }

    func string() throws(SeedError) -> String {
        guard let text = value.stringValue else { throw fail("expected a string") }
        return text
    }

    func bool() throws(SeedError) -> Bool {
        guard let flag = value.boolValue else { throw fail("expected true or false") }
        return flag
    }

    func array() throws(SeedError) -> [SeedNode] {
        guard let items = value.arrayValue else { throw fail("expected an array") }
        return items.enumerated().map { SeedNode(value: $1, path: "\(path)[\($0)]", file: file) }
    }

    /// An object whose members are AWS request members, passed on to the service's own validation.
    func awsMembers(excluding reserved: Set<String>) throws(SeedError) -> [String: JSONValue] {
        guard case .object(let members) = value else { throw fail("expected an object") }
        if let clash = members.keys.sorted().first(where: reserved.contains) {
            throw SeedError(file: file, path: "\(path).\(clash)", problem: "not allowed here (it is set by the seed entry itself)")
        }
        return members
    }
}
