/// An error as the AWS JSON 1.1 protocol puts it on the wire: `{"__type": type, "message": message}`
/// with the `x-amzn-ErrorType` header, HTTP 400 for every modeled client error and 500 for
/// `InternalErrorException` (spec section 5.2).
public struct AWSServiceError: Error, Sendable, Equatable {
    public let type: String
    public let message: String?
    public let httpStatus: Int

    public init(type: String, message: String?, httpStatus: Int = 400) {
        self.type = type
        self.message = message
        self.httpStatus = httpStatus
    }

    public static func invalidParameter(_ message: String) -> AWSServiceError {
        AWSServiceError(type: "InvalidParameterException", message: message)
    }

    public static func resourceNotFound(_ message: String) -> AWSServiceError {
        AWSServiceError(type: "ResourceNotFoundException", message: message)
    }

    public static func internalError(_ message: String = "Internal error") -> AWSServiceError {
        AWSServiceError(type: "InternalErrorException", message: message, httpStatus: 500)
    }
}
