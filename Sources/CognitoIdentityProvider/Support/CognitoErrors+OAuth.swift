import AWSJSONProtocol

/// Error texts of resource servers and app clients' OAuth settings (evidence tags as in `CognitoErrors`).
extension CognitoErrors {
    /// [I] No public record of AWS's text for a repeated identifier; worded like the pool's other
    /// "already exists" answers.
    static func resourceServerExists(_ identifier: String, poolId: String) -> AWSServiceError {
        .invalidParameter("Resource server \(identifier) already exists in user pool \(poolId).")
    }

    /// [I] Worded like "User pool client <id> does not exist." (CognitoErrors+Clients).
    static func resourceServerNotFound(_ identifier: String) -> AWSServiceError {
        .resourceNotFound("Resource server \(identifier) does not exist.")
    }

    /// [I] Two scopes of one resource server with the same ScopeName.
    static func duplicateScope(_ name: String) -> AWSServiceError {
        .invalidParameter("Duplicate scope name \(name) in resource server scopes.")
    }

    /// [R] "InvalidOAuthFlowException: client_credentials flow can not be selected if client does not
    /// have a client secret." quoted from CreateUserPoolClient in Terraform configurations and blogs.
    static let clientCredentialsWithoutSecret = AWSServiceError(
        type: "InvalidOAuthFlowException",
        message: "client_credentials flow can not be selected if client does not have a client secret.")

    /// [R] the same, quoted from UpdateUserPoolClient with `client_credentials code implicit` (AWS CLI
    /// session notes, cfn-lint style preflight rules).
    static let clientCredentialsWithOtherFlows = AWSServiceError(
        type: "InvalidOAuthFlowException",
        message: "client_credentials flow can not be selected along with code flow or implicit flow.")

    /// [R] cisagov/crossfeed#440, anomalyco/sst#6272 (InvalidOAuthFlowException from Create/UpdateUserPoolClient).
    static let callbackURLsRequired = AWSServiceError(
        type: "InvalidOAuthFlowException", message: "CallbackUrls can not be empty when code flow or implicit flow is selected")

    /// [I] client_credentials grants only custom (resource server) scopes [D: DG "Scopes, M2M, and
    /// APIs with resource servers": "machine-to-machine ... custom scopes"].
    static let clientCredentialsWithStandardScope = AWSServiceError(
        type: "InvalidOAuthFlowException", message: "client_credentials flow can only be used with custom scopes.")

    /// [R] "Invalid scope requested: Cognito (... Error Code: ScopeDoesNotExistException ...)" from
    /// CloudFormation's UserPoolClient (awsdocs/aws-cloudformation-user-guide#564 and #518): a scope that
    /// is neither standard nor `<identifier>/<scope>` of a resource server of the pool.
    static func scopeDoesNotExist(_ scope: String) -> AWSServiceError {
        AWSServiceError(type: "ScopeDoesNotExistException", message: "Invalid scope requested: \(scope)")
    }

    /// [R] "The provider Google does not exist for User Pool us-east-1_XXXXXXXXX" from Create/UpdateUserPoolClient
    /// (aws/aws-cdk#15692 and Terraform reports quoting InvalidParameterException).
    static func providerDoesNotExist(_ provider: String, poolId: String) -> AWSServiceError {
        .invalidParameter("The provider \(provider) does not exist for User Pool \(poolId)")
    }

    /// [I] An http URL other than a loopback one [D: DG app client settings: "Amazon Cognito requires
    /// HTTPS over HTTP except for http://localhost"; loopback IP literals since 2025].
    static func insecureRedirectURL(_ url: String) -> AWSServiceError {
        .invalidParameter("Invalid redirect URL \(url): HTTPS is required except for http://localhost.")
    }

    /// [I] A URL with a fragment, or one that is not an absolute URL [D: BOTO CallbackURLs "A redirect URI must
    /// ... Not include a fragment component."].
    static func invalidRedirectURL(_ url: String) -> AWSServiceError {
        .invalidParameter("Invalid redirect URL \(url): it must be an absolute URL without a fragment.")
    }

    /// [I] BOTO: "The default redirect URI. In app clients with one assigned IdP, replaces redirect_uri ... Must be in the CallbackURLs list."
    static let defaultRedirectNotInCallbacks = AWSServiceError.invalidParameter(
        "DefaultRedirectURI must be one of the CallbackURLs.")
}
