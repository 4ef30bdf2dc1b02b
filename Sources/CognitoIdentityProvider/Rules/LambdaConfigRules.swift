import AWSJSONProtocol

/// How a pool's `LambdaConfig` is stored and described. The model validates every member (ARN
/// patterns, `LambdaVersion` values); the two names of the pre token generation trigger are kept in
/// step as AWS documents ("This parameter and the PreTokenGeneration property of LambdaConfig have
/// the same value", API reference PreTokenGenerationVersionConfigType).
enum LambdaConfigRules {
    static func normalized(_ config: JSONValue?) -> JSONValue {
        guard var members = config?.objectValue else { return [:] }
        if let arn = members["PreTokenGenerationConfig"]?["LambdaArn"]?.stringValue {
            members["PreTokenGeneration"] = .string(arn)
        } else if let arn = members["PreTokenGeneration"]?.stringValue {
            // [I] The older member alone is a version 1 trigger, described with its config as well.
            members["PreTokenGenerationConfig"] = ["LambdaArn": .string(arn), "LambdaVersion": "V1_0"]
        }
        return .object(members)
    }
}
