import AWSJSONProtocol

/// Error texts of user pool domains (evidence tags as in `CognitoErrors`).
extension CognitoErrors {
    /// [R] CloudTrail record of CreateUserPoolDomain in aws-solutions/content-analysis-on-aws#8
    /// ("aws"), aws-amplify/amplify-cli#3854 ("cognito"); the docs name aws, amazon and cognito.
    static func domainReservedWord(_ word: String) -> AWSServiceError {
        .invalidParameter("Domain cannot contain reserved word: \(word)")
    }

    /// [R] CreateUserPoolDomain on a name another pool holds: aws-samples/aws-cdk-examples#402,
    /// aws-samples/dcv-web-portal#16, mineiros-io/terraform-aws-cognito-user-pool#69 and others.
    static let domainTaken = AWSServiceError.invalidParameter("Domain already associated with another user pool.")

    /// [R] aws/aws-cdk#10062 as quoted by aws-samples READMEs ("User pool already has a domain
    /// configured"); [I] the final period, as in Cognito's other domain texts.
    static let poolAlreadyHasDomain = AWSServiceError.invalidParameter("User pool already has a domain configured.")

    /// [R] mineiros-io/terraform-aws-cognito-user-pool#69 (CreateUserPoolDomain with a dotted name and
    /// no CustomDomainConfig).
    static let invalidDomainPrefix = AWSServiceError.invalidParameter(
        #"The domain name contains an invalid character. Domain names can only contain lower-case letters, numbers, and hyphens. Please enter a different name that follows this format: ^[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?$"#)

    /// [R] DeleteUserPoolDomain for a domain the pool does not have: aws-amplify/amplify-cli e2e tests
    /// ("throws InvalidParameterException: No such domain or user pool exists."), grucloud's ignore list;
    /// [I] the same answer for UpdateUserPoolDomain.
    static let noSuchDomain = AWSServiceError.invalidParameter("No such domain or user pool exists.")

    /// [R] CreateUserPoolDomain with a custom domain whose parent has no A record or is a top-level
    /// domain (raw AWS answer quoted in CDK stacks' comments with "Error Code: InvalidParameterException").
    /// This server resolves no DNS: it answers this only for names without a parent below the
    /// top-level domain, or with characters no host name has.
    static let customDomainNotSubdomain = AWSServiceError.invalidParameter(
        "Custom domain is not a valid subdomain: Was not able to resolve a DNS A record for the parent domain or domain parent is a top-level domain.")

    /// [I] ManagedLoginVersion other than 1 (classic hosted UI) or 2 (managed login), BOTO's only values.
    static let invalidManagedLoginVersion = AWSServiceError.invalidParameter(
        "Invalid ManagedLoginVersion. Valid values are 1 and 2.")

    /// [R] DeleteUserPool on a pool with a domain: quoted in hashicorp/terraform-provider-aws#16479
    /// and in Terraform troubleshooting notes and SDK-based tests that match the exact text.
    static let poolHasDomain = AWSServiceError.invalidParameter(
        "User pool cannot be deleted. It has a domain configured that should be deleted first.")
}
