import AWSJSONProtocol

/// UpdateUserPoolDomain: changes a domain's `ManagedLoginVersion` and, for a custom domain, its
/// certificate (`CustomDomainConfig`). Members left out keep their value [D: BOTO "you can update
/// the branding version or the certificate"].
enum UpdateUserPoolDomain {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let poolId = input["UserPoolId"]?.stringValue ?? ""
        let name = input["Domain"]?.stringValue ?? ""
        return try environment.database.write { connection in
            let current = try environment.requireDomain(name, ofPool: poolId, in: connection)
            let version = try UserPoolDomainRules.managedLoginVersion(
                input["ManagedLoginVersion"], default: current.managedLoginVersion)
            var certificateArn = current.certificateArn
            if let sent = input["CustomDomainConfig"]?["CertificateArn"]?.stringValue {
                // [I] A prefix domain has no certificate to replace: AWS's prefix/custom split is
                // fixed at creation.
                guard current.isCustom else { throw CognitoErrors.noSuchDomain }
                certificateArn = sent
            }
            let updated = UserPoolDomain(
                domain: current.domain, poolId: current.poolId, region: current.region, certificateArn: certificateArn,
                managedLoginVersion: version, version: current.version, creationDate: current.creationDate)
            try UserPoolDomainStore.update(updated, in: connection)
            return updated.changeOutput
        }
    }
}
