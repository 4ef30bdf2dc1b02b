import AWSJSONProtocol

/// ListWebAuthnCredentials: the caller's passkeys (`Credentials`, WebAuthnCredentialDescription),
/// oldest first, `MaxResults` at a time (default 20 [I]) with `NextToken`.
enum ListWebAuthnCredentials {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let call = try AccessTokenUserCall(input, environment)
        let limit = max(1, Int(input["MaxResults"]?.intValue ?? 20))
        var start = 0
        if let token = input["NextToken"]?.stringValue {
            guard let position = PaginationToken.decode(token, kind: "passkeys") else {
                throw AWSServiceError.invalidParameter("Invalid NextToken")  // [I]
            }
            start = Int(position)
        }
        let passkeys = try environment.database.read { connection in
            try PasskeyStore.list(poolId: call.pool.id, sub: try call.user(in: connection).sub, in: connection)
        }
        let page = passkeys.dropFirst(start).prefix(limit)
        var output: [String: JSONValue] = ["Credentials": .array(page.map(\.description))]
        if start + limit < passkeys.count { output["NextToken"] = .string(PaginationToken.encode(Int64(start + limit), kind: "passkeys")) }
        return .object(output)
    }
}

/// DeleteWebAuthnCredential: removes one of the caller's passkeys; another user's or an unknown id
/// is `ResourceNotFoundException` [I: text].
enum DeleteWebAuthnCredential {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let call = try AccessTokenUserCall(input, environment)
        try environment.database.write { connection in
            let user = try call.user(in: connection)
            guard try PasskeyStore.delete(
                poolId: call.pool.id, sub: user.sub, credentialId: input["CredentialId"]?.stringValue ?? "", in: connection)
            else { throw WebAuthnErrors.credentialNotFound }
        }
        return [:]
    }
}
