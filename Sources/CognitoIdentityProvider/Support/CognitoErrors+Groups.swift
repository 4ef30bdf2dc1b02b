import AWSJSONProtocol

/// Error texts of groups (evidence tags as in `CognitoErrors`).
extension CognitoErrors {
    /// [R] https://github.com/aws-amplify/amplify-cli/issues/2214 (AdminAddUserToGroup on AWS:
    /// "ResourceNotFoundException: Group not found."); used by every operation naming a group.
    static let groupNotFound = AWSServiceError.resourceNotFound("Group not found.")

    /// [I] The type is the model's (BOTO CreateGroup errors). No AWS capture of the text was found;
    /// moto answers "A group with the name already exists", which reads like this sentence with the
    /// name left out, so the name is put back.
    static func groupExists(_ name: String) -> AWSServiceError {
        AWSServiceError(type: "GroupExistsException", message: "A group with the name \(name) already exists.")
    }
}
