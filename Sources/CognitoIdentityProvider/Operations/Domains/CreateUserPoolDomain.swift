import AWSJSONProtocol

/// CreateUserPoolDomain: a prefix domain (unique in its region) or, with `CustomDomainConfig`, a
/// custom domain (unique everywhere); at most one of each per pool. Answers `ManagedLoginVersion`,
/// and `CloudFrontDomain` for a custom domain.
enum CreateUserPoolDomain {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let poolId = input["UserPoolId"]?.stringValue ?? ""
        let name = input["Domain"]?.stringValue ?? ""
        let certificateArn = input["CustomDomainConfig"]?["CertificateArn"]?.stringValue
        let version = try UserPoolDomainRules.managedLoginVersion(input["ManagedLoginVersion"], default: 1)
        let pool = try environment.pools.require(poolId)
        if certificateArn == nil {
            guard UserPoolDomainRules.isValidPrefix(name) else { throw CognitoErrors.invalidDomainPrefix }
            if let word = UserPoolDomainRules.reservedWords.first(where: name.contains) {
                throw CognitoErrors.domainReservedWord(word)
            }
        } else if !UserPoolDomainRules.isValidCustomDomain(name) {
            throw CognitoErrors.customDomainNotSubdomain
        }
        let now = environment.clock.now()
        let domain = UserPoolDomain(
            domain: name, poolId: pool.id, region: pool.region, certificateArn: certificateArn,
            managedLoginVersion: version, version: DomainHosting.versionStamp(now), creationDate: now)
        try environment.database.write { connection in
            let existing = try UserPoolDomainStore.domains(ofPool: pool.id, in: connection)
            if existing.contains(where: { $0.isCustom == domain.isCustom }) { throw CognitoErrors.poolAlreadyHasDomain }
            if try UserPoolDomainStore.isTaken(name, scope: domain.isCustom ? "" : pool.region, in: connection) {
                throw CognitoErrors.domainTaken
            }
            guard try UserPoolStore.find(pool.id, in: connection) != nil else { throw CognitoErrors.userPoolNotFound(pool.id) }
            try UserPoolDomainStore.insert(domain, in: connection)
        }
        return domain.changeOutput
    }
}
