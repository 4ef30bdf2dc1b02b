/// The constraints of one botocore shape, as the validator reads them. Tables of these are
/// generated from the service model (tools/generate_shapes.py), never written by hand.
public struct ShapeSpec: Sendable {
    public enum Kind: UInt8, Sendable {
        case structure, list, map, string, integer, long, boolean, timestamp, blob, double, float
        /// A Smithy document: any JSON value, passed on as sent.
        case document
    }

    public struct Member: Sendable {
        /// Wire name (`UserPoolId`).
        public let name: String
        /// Name in validation paths: lowerCamel of `name` (`userPoolId`).
        public let pathName: String
        /// Index of the member's shape in the table.
        public let shape: Int
        public let required: Bool
    }

    public let name: String
    public let kind: Kind
    /// Length bounds for strings, blobs, lists and maps; value bounds for numbers.
    public let min: Int64?
    public let max: Int64?
    /// Index into the table's patterns.
    public let pattern: Int?
    /// Allowed values in the order Coral prints them, or nil when the shape is not an enum.
    public let enumValues: [String]?
    /// Structure members in model order.
    public let members: [Member]
    /// Indices into `members` in the order their violations are reported.
    public let reportOrder: [Int]
    /// List member or map value shape.
    public let element: Int?
    /// Map key shape.
    public let key: Int?
    /// The model marks the shape `"sensitive": true`: its values are never printed (`ViolationText`).
    public let sensitive: Bool
    /// `enumValues` as a set, for membership tests.
    let enumSet: Set<String>?

    public init(
        name: String, kind: Kind, min: Int64? = nil, max: Int64? = nil, pattern: Int? = nil,
        enumValues: [String]? = nil, members: [Member] = [], reportOrder: [Int]? = nil,
        element: Int? = nil, key: Int? = nil, sensitive: Bool = false
    ) {
        self.name = name
        self.kind = kind
        self.min = min
        self.max = max
        self.pattern = pattern
        self.enumValues = enumValues
        self.members = members
        self.reportOrder = reportOrder ?? Array(members.indices)
        self.element = element
        self.key = key
        self.sensitive = sensitive
        self.enumSet = enumValues.map(Set.init)
    }
}

/// A service's shapes, indexed by name, with their compiled patterns.
public struct ShapeTable: Sendable {
    public let shapes: [ShapeSpec]
    public let patterns: [String]
    let byName: [String: Int]
    let matchers: [PatternMatcher]

    public init(shapes: [ShapeSpec], patterns: [String]) {
        self.shapes = shapes
        self.patterns = patterns
        self.byName = Dictionary(shapes.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.matchers = patterns.map(PatternMatcher.init)
    }

    public func index(of shapeName: String) -> Int? { byName[shapeName] }

    public subscript(shapeName: String) -> ShapeSpec? { byName[shapeName].map { shapes[$0] } }
}

/// The Cognito user pools API model (`cognito-idp` 2016-04-18) as the validator needs it. The
/// generated extension in Generated/ supplies the operation list and the shapes.
public enum CognitoIdentityProviderModel {
    /// Built once, on first use (Swift globals and static lets initialise lazily and thread-safely).
    public static let table = ShapeTable(shapes: shapeList, patterns: patterns)
}

// Compact constructors used by the generated table.
@inline(__always)
func S(
    _ name: String, _ kind: ShapeSpec.Kind, min: Int64? = nil, max: Int64? = nil, pattern: Int? = nil,
    enumValues: [String]? = nil, members: [ShapeSpec.Member] = [], order: [Int]? = nil,
    key: Int? = nil, element: Int? = nil, sensitive: Bool = false
) -> ShapeSpec {
    ShapeSpec(
        name: name, kind: kind, min: min, max: max, pattern: pattern, enumValues: enumValues,
        members: members, reportOrder: order, element: element, key: key, sensitive: sensitive)
}

@inline(__always)
func M(_ name: String, _ shape: Int, _ required: Bool = false) -> ShapeSpec.Member {
    ShapeSpec.Member(
        name: name, pathName: name.prefix(1).lowercased() + name.dropFirst(), shape: shape, required: required)
}
