/// The AWS JSON 1.1 layer: finds the operation named by `X-Amz-Target`, parses and validates the
/// body against the model, runs the handler and encodes its output or error. Knows nothing of sockets.
public struct AWSJSONResponse: Sendable {
    public var status: Int
    /// Content-Type, x-amzn-RequestId and, for errors, x-amzn-ErrorType.
    public var headers: [(String, String)]
    public var body: [UInt8]
    /// The operation name when the target resolved to one (for the request log).
    public var operation: String?
    /// The `__type` when the answer is an error (for the request log).
    public var errorType: String?
}

public final class AWSJSONService: Sendable {
    public let targetPrefix: String
    private let operations: [String: OperationDefinition]

    public init(targetPrefix: String, operations: [OperationDefinition]) {
        self.targetPrefix = targetPrefix
        self.operations = Dictionary(operations.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func respond(target: String?, body: [UInt8], context: RequestContext) -> AWSJSONResponse {
        fatalError("to be written")
    }
}
