import AWSJSONProtocol

/// DescribeUserPoolDomain: the domain's `DomainDescription`; for a name no pool holds (in the
/// request's region, or as a custom domain) AWS answers 200 with an empty `DomainDescription`
/// [R: aws-amplify/amplify-cli e2e tests expect `{ DomainDescription: {} }` after deletion; the
/// Terraform provider treats an empty description as "gone"].
enum DescribeUserPoolDomain {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let name = input["Domain"]?.stringValue ?? ""
        let domain = try environment.database.read { try UserPoolDomainStore.find(name, region: request.region, in: $0) }
        return ["DomainDescription": domain?.describe(accountId: environment.accountId) ?? [:]]
    }
}
