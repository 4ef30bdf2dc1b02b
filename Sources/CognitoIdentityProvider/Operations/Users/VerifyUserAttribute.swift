import AWSJSONProtocol

/// VerifyUserAttribute: the code from GetUserAttributeVerificationCode or an attribute update marks
/// `email_verified` / `phone_number_verified` true, first making a value that waited for
/// verification the attribute (AttributesRequireVerificationBeforeUpdate). A verified phone number
/// is what SMS MFA and phone recovery use from then on. Wrong code → CodeMismatchException (the code
/// stays usable); expired or none → ExpiredCodeException; a sign-in alias another user has verified
/// → AliasExistsException [D: BOTO VerifyUserAttribute errors]. Answers `{}`.
enum VerifyUserAttribute {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let call = try AccessTokenUserCall(input, environment)
        let name = input["AttributeName"]?.stringValue ?? ""
        guard let purpose = UserCodeStore.Purpose.verification(of: name) else { throw CognitoErrors.attributeNotVerifiable }
        let now = environment.clock.now()
        try environment.database.write { connection in
            var user = try call.user(in: connection)
            switch try UserCodeStore.redeem(input["Code"]?.stringValue ?? "", purpose: purpose, for: user, now: now, in: connection) {
            case .mismatch: throw CognitoErrors.codeMismatch
            case .missing, .expired: throw CognitoErrors.expiredCode
            case .accepted(let code):
                if let value = code.pendingValue { user.setAttribute(name, value) }
                guard let value = user.attribute(name) else { throw CognitoErrors.attributeNotSet(name) }
                if call.pool.signInAttributes.contains(name),
                    try !UserStore.aliasOwners(pool: call.pool, attribute: name, value: value, excluding: user.sub, in: connection)
                        .filter({ $0.isVerified(name) || call.pool.usernameAttributes.contains(name) }).isEmpty
                {
                    throw CognitoErrors.aliasExists(name)
                }
                user.setAttribute("\(name)_verified", "true")
                user.lastModifiedDate = now
                try UserStore.save(user, pool: call.pool, in: connection)
            }
        }
        return [:]
    }
}
