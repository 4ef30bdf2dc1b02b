/// What a handler knows about the request besides its input.
public struct RequestContext: Sendable {
    /// Lower-case UUID-shaped id, echoed as `x-amzn-RequestId`.
    public let requestId: String
    /// From the SigV4 credential scope when the request carries one, else the server's default.
    public let region: String
    /// The `Host` header as sent (used for token issuers), if any.
    public let host: String?

    public init(requestId: String, region: String, host: String?) {
        self.requestId = requestId
        self.region = region
        self.host = host
    }
}

/// One operation of the service: its name as it appears after the target prefix, the model shape
/// its input is validated against, and the handler that runs once validation has passed.
public struct OperationDefinition: Sendable {
    public typealias Handler = @Sendable (_ input: JSONValue, _ context: RequestContext) throws -> JSONValue

    public let name: String
    public let inputShape: String
    public let handler: Handler

    public init(name: String, inputShape: String, handler: @escaping Handler) {
        self.name = name
        self.inputShape = inputShape
        self.handler = handler
    }
}
