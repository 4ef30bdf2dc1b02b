import AWSJSONProtocol

/// The managed login's forgot-password pages run ForgotPassword and ConfirmForgotPassword themselves,
/// with the client's SECRET_HASH filled in (the page knows the client; the browser never sees a secret).
extension AuthorizationServer {
    /// Sends the reset code; the answer is where it went (`CODE_DELIVERY_DESTINATION`-style masked text).
    public func forgotPassword(site: DomainSite, clientId: String, username: String) -> Result<String, AWSServiceError> {
        userCall(site: site, clientId: clientId, username: username, ForgotPassword.handle, [:])
            .map { $0["CodeDeliveryDetails"]?["Destination"]?.stringValue ?? "" }
    }

    public func confirmForgotPassword(
        site: DomainSite, clientId: String, username: String, code: String, password: String
    ) -> Result<Void, AWSServiceError> {
        userCall(site: site, clientId: clientId, username: username, ConfirmForgotPassword.handle,
                 ["ConfirmationCode": .string(code), "Password": .string(password)]).map { _ in () }
    }

    private func userCall(
        site: DomainSite, clientId: String, username: String,
        _ handler: (JSONValue, RequestContext, ServiceEnvironment) throws -> JSONValue, _ extra: [String: JSONValue]
    ) -> Result<JSONValue, AWSServiceError> {
        do {
            let client = try environment.requireClient(clientId, inPool: site.poolId)
            var input = extra
            input["ClientId"] = .string(clientId)
            input["Username"] = .string(username)
            if let secret = client.clientSecret {
                input["SecretHash"] = .string(SecretHash.expectedHash(username: username, clientId: clientId, clientSecret: secret))
            }
            return .success(try handler(.object(input), RequestContext(requestId: RequestID.make(), region: "", host: nil), environment))
        } catch let error as AWSServiceError {
            return .failure(error)
        } catch {
            return .failure(.internalError())
        }
    }
}
