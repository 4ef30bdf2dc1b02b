/// What the domain needs from a Lambda service: invoke one function, named by its ARN, with a JSON
/// event, and get the function's JSON result back or the reason there is none. The implementation
/// (the Lambda Invoke API over HTTP with SigV4) lives outside the domain, in the executable.
public protocol LambdaInvoking: Sendable {
    /// The function's result payload (its response body), or why the invocation failed.
    func invoke(functionArn: String, payload: [UInt8]) throws(LambdaInvocationError) -> [UInt8]
}

/// Why an invocation has no usable result.
public enum LambdaInvocationError: Error, Sendable, Equatable {
    /// The server was started without a Lambda endpoint.
    case notConfigured
    /// The endpoint could not be reached (connection refused, name not resolved, ...).
    case unreachable(String)
    /// No answer within AWS's 5-second limit for user pool triggers.
    case timedOut
    /// The Lambda service refused the call (`x-amzn-ErrorType`, such as ResourceNotFoundException).
    case serviceError(type: String, message: String)
    /// The function ran and failed (`X-Amz-Function-Error`): its `errorMessage`.
    case functionError(message: String)
}
