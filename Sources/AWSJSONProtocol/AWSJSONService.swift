/// The AWS JSON 1.1 layer: finds the operation named by `X-Amz-Target`, parses and validates the
/// body against the model, runs the handler and encodes its output or error. Knows nothing of sockets.
public struct AWSJSONResponse: Sendable {
    public var status: Int
    /// Content-Type, x-amzn-RequestId and, for errors, x-amzn-ErrorType (and x-amzn-ErrorMessage).
    public var headers: [(String, String)]
    public var body: [UInt8]
    /// The operation name when the target resolved to one (for the request log).
    public var operation: String?
    /// The `__type` when the answer is an error (for the request log).
    public var errorType: String?
}

public final class AWSJSONService: Sendable {
    public static let contentType = "application/x-amz-json-1.1"

    public let targetPrefix: String
    private let operations: [String: OperationDefinition]
    private let validator: InputValidator
    /// Checks SigV4 on IAM operations when set (off by default: spec section 9 row 21).
    private let signatureVerifier: SigV4Verifier?
    /// Operations that take no SigV4 signature (spec 5.5); never checked.
    private let unauthenticatedOperations: Set<String>
    /// Told once about every failure that is answered `InternalErrorException` (operation, request
    /// id, the cause): the client only sees "Internal error", the operator must see why.
    private let onInternalError: (@Sendable (_ operation: String, _ requestId: String, _ cause: any Error) -> Void)?

    /// `shapes` holds the input shapes the operations name; an operation whose input shape is not
    /// in it only gets the "body is a JSON object" check.
    public init(
        targetPrefix: String, operations: [OperationDefinition],
        shapes: ShapeTable = CognitoIdentityProviderModel.table,
        signatureVerifier: SigV4Verifier? = nil,
        unauthenticatedOperations: Set<String> = CognitoIdentityProviderModel.unauthenticatedOperations,
        onInternalError: (@Sendable (_ operation: String, _ requestId: String, _ cause: any Error) -> Void)? = nil
    ) {
        self.onInternalError = onInternalError
        self.targetPrefix = targetPrefix
        self.operations = Dictionary(operations.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.validator = InputValidator(table: shapes)
        self.signatureVerifier = signatureVerifier
        self.unauthenticatedOperations = unauthenticatedOperations
    }

    /// `signed` carries what a SigV4 signature covers; with a verifier configured, an IAM
    /// operation without it counts as unsigned.
    public func respond(target: String?, body: [UInt8], context: RequestContext,
                        signed: SignedRequestParts? = nil) -> AWSJSONResponse {
        // Missing, foreign or unknown target: 400 `{"__type":"UnknownOperationException"}` with no
        // message, as AWS answered in https://github.com/aws/aws-sdk-net/issues/1536 (CloudWatch Logs,
        // JSON 1.1) and as kinesalite's tests against Kinesis expect for a request without a target.
        guard let operation = resolve(target) else {
            return error(AWSServiceError(type: "UnknownOperationException", message: nil), operation: nil, context)
        }
        do throws(AWSServiceError) {
            if let verifier = signatureVerifier, !unauthenticatedOperations.contains(operation.name) {
                guard let signed else { throw SigV4Verifier.missingToken }
                try verifier.verify(signed)
            }
            let input = try decode(body, shape: operation.inputShape)
            let output: JSONValue
            do {
                output = try operation.handler(input, context)
            } catch let serviceError as AWSServiceError {
                throw serviceError
            } catch {
                onInternalError?(operation.name, context.requestId, error)
                throw AWSServiceError.internalError()
            }
            var bytes = JSONSerializer.serialize(output.isNull ? .object([:]) : output)
            if bytes.isEmpty { bytes = Array("{}".utf8) }
            return AWSJSONResponse(
                status: 200,
                headers: [("Content-Type", Self.contentType), ("x-amzn-RequestId", context.requestId)],
                body: bytes, operation: operation.name, errorType: nil)
        } catch {
            return self.error(error, operation: operation.name, context)
        }
    }

    /// `<targetPrefix>.<Operation>`, exactly (the prefix is compared case-sensitively).
    private func resolve(_ target: String?) -> OperationDefinition? {
        guard let target, let dot = target.lastIndex(of: "."), target[..<dot] == targetPrefix else { return nil }
        return operations[String(target[target.index(after: dot)...])]
    }

    /// An empty body counts as `{}`: Smithy's AWS JSON protocol tests state that AWS services accept
    /// requests with no payload (awsJson1_0 `AwsJson10ServiceSupportsNoPayloadForNoInput`), and
    /// every SDK sends `{}` anyway. (kinesalite expects a SerializationException for an empty body
    /// on Kinesis; the Smithy statement is AWS's own and the lenient choice.) A body that is not
    /// JSON is a `SerializationException` without a message, as Coral answers (kinesalite tests;
    /// a real Firehose answer in https://github.com/pplu/aws-sdk-perl/issues/237). A top-level
    /// `null` is a body that is not a JSON object: `SerializationException` (spec section 9 row 16).
    private func decode(_ body: [UInt8], shape: String) throws(AWSServiceError) -> JSONValue {
        var input: JSONValue = .object([:])
        if !body.isEmpty {
            do {
                input = try JSONParser.parse(body)
            } catch {
                throw SerializationCheck.failure(nil)
            }
        }
        if input.isNull { throw SerializationCheck.failure(nil) }
        if validator.table.index(of: shape) == nil {
            guard case .object = input else {
                if case .array = input { throw SerializationCheck.failure("Start of list found where not expected") }
                throw SerializationCheck.failure("Expected null")
            }
            return input
        }
        return try validator.validate(input, shape: shape)
    }

    /// Error body `{"__type":"<Type>","message":"<text>"}` (message omitted when nil) with
    /// `x-amzn-ErrorType: <Type>:` and `x-amzn-ErrorMessage` as real Cognito sends them (spec 5.2).
    private func error(_ error: AWSServiceError, operation: String?, _ context: RequestContext) -> AWSJSONResponse {
        var fields: [String: JSONValue] = ["__type": .string(error.type)]
        var headers = [
            ("Content-Type", Self.contentType), ("x-amzn-RequestId", context.requestId),
            ("x-amzn-ErrorType", error.type + ":"),
        ]
        if let message = error.message {
            fields["message"] = .string(message)
            headers.append(("x-amzn-ErrorMessage", Self.headerSafe(message)))
        }
        return AWSJSONResponse(
            status: error.httpStatus, headers: headers, body: JSONSerializer.serialize(.object(fields)),
            operation: operation, errorType: error.type)
    }

    /// Removes CR and LF and turns other control characters into spaces, so a message can never
    /// split or forge a header line.
    static func headerSafe(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where scalar != "\r" && scalar != "\n" {
            scalars.append(scalar.value < 0x20 || scalar.value == 0x7F ? " " : scalar)
        }
        return String(scalars)
    }
}
