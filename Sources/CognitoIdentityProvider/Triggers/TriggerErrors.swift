import AWSJSONProtocol

/// How Cognito reports a trigger that did not give a usable answer. `trigger` is the
/// `LambdaConfig` member's name (PreSignUp, CustomMessage, ...), as AWS names it in these texts.
enum TriggerErrors {
    /// The function failed: `PreSignUp failed with error callback is not a function.`
    /// (https://github.com/aws-amplify/amplify-flutter/pull/1051, UserLambdaValidationException).
    static func functionFailed(_ trigger: String, _ message: String) -> AWSServiceError {
        AWSServiceError(type: "UserLambdaValidationException", message: "\(trigger) failed with error \(message).")
    }

    /// No answer in time: `PostAuthentication invocation failed due to error Socket timeout while
    /// invoking Lambda function.` (https://github.com/furaiev/amazon-cognito-identity-dart-2/issues/204;
    /// `PreSignUp …` in https://github.com/anomalyco/sst/issues/1815), UnexpectedLambdaException.
    static func timedOut(_ trigger: String) -> AWSServiceError {
        invocationFailed(trigger, "Socket timeout while invoking Lambda function")
    }

    /// The Lambda service refused the call: `PreSignUp invocation failed due to error
    /// AccessDeniedException.` (https://github.com/awslabs/service-workbench-on-aws/issues/1136,
    /// https://github.com/aws/serverless-application-model/issues/1253). The exception type
    /// (UnexpectedLambdaException) is the one of the timeout text [I].
    static func invocationFailed(_ trigger: String, _ reason: String) -> AWSServiceError {
        AWSServiceError(type: "UnexpectedLambdaException", message: "\(trigger) invocation failed due to error \(reason).")
    }

    /// The result is not JSON: `Invalid lambda function output : Invalid JSON`
    /// (https://github.com/aws/aws-sdk-js/issues/2692).
    static let invalidJSON = AWSServiceError(
        type: "InvalidLambdaResponseException", message: "Invalid lambda function output : Invalid JSON")

    /// The result is JSON but not an answer Cognito can use: `Unrecognizable lambda output`
    /// (https://github.com/amazon-archives/amazon-cognito-identity-js/issues/167).
    static let unrecognizable = AWSServiceError(type: "InvalidLambdaResponseException", message: "Unrecognizable lambda output")
}
