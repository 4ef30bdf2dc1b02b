import AWSJSONProtocol

/// The triggers around a sign-in (developer guide, "Pre authentication Lambda trigger" and "Post
/// authentication Lambda trigger"). Neither answers anything: a failure stops the sign-in.
extension Triggers {
    /// Before the password (or SRP, or custom challenge) is checked. `validationData` carries the
    /// request's ClientMetadata, which is how the guide says to pass it to this trigger.
    func preAuthentication(user: User, clientId: String, clientMetadata: JSONValue?) throws {
        guard has("PreAuthentication") else { return }
        _ = try invoke(
            "PreAuthentication", source: "PreAuthentication_Authentication", userName: user.username, clientId: clientId,
            request: [
                "userAttributes": .object(Self.userAttributes(user)),
                "validationData": clientMetadata.map { .object(Self.stringMap($0)) } ?? .null,
                "userNotFound": false,
            ],
            response: [:])
    }

    /// After every challenge is answered, before the tokens (`newDeviceUsed` is false: device
    /// tracking is not emulated).
    func postAuthentication(user: User, clientId: String, clientMetadata: JSONValue?) throws {
        guard has("PostAuthentication") else { return }
        _ = try invoke(
            "PostAuthentication", source: "PostAuthentication_Authentication", userName: user.username, clientId: clientId,
            request: [
                "userAttributes": .object(Self.userAttributes(user)), "newDeviceUsed": false,
                "clientMetadata": clientMetadata.map { .object(Self.stringMap($0)) } ?? .null,
            ],
            response: [:])
    }
}
