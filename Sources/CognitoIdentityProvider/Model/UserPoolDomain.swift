import AWSJSONProtocol
import CryptoPrimitives

/// A user pool domain: a prefix domain (`<prefix>.auth.<region>.amazoncognito.com` at AWS) or a
/// custom domain (`auth.example.com`, served by CloudFront with an ACM certificate). A pool has at
/// most one of each (`UserPoolType.Domain` and `CustomDomain`).
///
/// What this server serves on a domain (managed login, OAuth endpoints) is reached either by Host,
/// `http://<prefix>.localhost:<port>/...`, or by path, `http://localhost:<port>/_domain/<domain>/...`
/// (see `servedURLs`).
struct UserPoolDomain: Sendable, Equatable {
    let domain: String
    let poolId: String
    let region: String
    let certificateArn: String?
    var managedLoginVersion: Int
    /// `DomainDescription.Version`: AWS shows a UTC timestamp `yyyyMMddHHmmss` (every public
    /// DescribeUserPoolDomain output seen); here the time the domain was created.
    let version: String
    let creationDate: Double

    var isCustom: Bool { certificateArn != nil }

    /// The `DomainDescription` of DescribeUserPoolDomain. Real outputs (AWS CLI example, 2017–2025
    /// blog outputs): prefix domains in us-east-1 answer S3Bucket `aws-cognito-prod-iad-assets` and
    /// CloudFrontDistribution `d3oia8etllorh5.cloudfront.net`, Status `ACTIVE`; outputs since 2025
    /// carry `ManagedLoginVersion` and no `CustomDomainConfig` for prefix domains.
    func describe(accountId: String) -> JSONValue {
        var object: [String: JSONValue] = [
            "UserPoolId": .string(poolId),
            "AWSAccountId": .string(accountId),
            "Domain": .string(domain),
            "S3Bucket": .string(DomainHosting.s3Bucket(region: region)),
            "CloudFrontDistribution": .string(cloudFrontDistribution),
            "Version": .string(version),
            "Status": "ACTIVE",
            "ManagedLoginVersion": .int(Int64(managedLoginVersion)),
        ]
        if let certificateArn { object["CustomDomainConfig"] = ["CertificateArn": .string(certificateArn)] }
        return .object(object)
    }

    /// The output of Create/UpdateUserPoolDomain: `CloudFrontDomain` only for custom domains
    /// (BOTO: "The fully-qualified domain name ... of the CloudFront distribution" of a custom domain).
    var changeOutput: JSONValue {
        var object: [String: JSONValue] = ["ManagedLoginVersion": .int(Int64(managedLoginVersion))]
        if isCustom { object["CloudFrontDomain"] = .string(cloudFrontDistribution) }
        return .object(object)
    }

    /// Prefix domains share their region's distribution; a custom domain gets its own, named from
    /// its domain so that it stays the same across restarts and exports.
    var cloudFrontDistribution: String {
        isCustom ? DomainHosting.distributionName(seed: "custom:" + domain) : DomainHosting.prefixDistribution(region: region)
    }
}

/// AWS's hosting names for domains. [R] us-east-1 and us-west-2 values come from real outputs;
/// [I] the other regions follow the same `aws-cognito-prod-<airport code>-assets` form, and
/// distributions not seen are made-up `d` + 13 characters, as CloudFront names look.
enum DomainHosting {
    /// CloudFront's hosted zone id, the same for every distribution (Route 53 alias targets).
    static let cloudFrontHostedZoneId = "Z2FDTNDATAQYW2"

    static let airportCodes: [String: String] = [
        "us-east-1": "iad", "us-east-2": "cmh", "us-west-1": "sfo", "us-west-2": "pdx",
        "ca-central-1": "yul", "eu-west-1": "dub", "eu-west-2": "lhr", "eu-west-3": "cdg",
        "eu-central-1": "fra", "eu-north-1": "arn", "eu-south-1": "mxp", "ap-northeast-1": "nrt",
        "ap-northeast-2": "icn", "ap-northeast-3": "kix", "ap-southeast-1": "sin", "ap-southeast-2": "syd",
        "ap-south-1": "bom", "sa-east-1": "gru", "me-south-1": "bah", "af-south-1": "cpt",
    ]

    static func s3Bucket(region: String) -> String {
        "aws-cognito-prod-\(airportCodes[region] ?? region)-assets"
    }

    static func prefixDistribution(region: String) -> String {
        region == "us-east-1" ? "d3oia8etllorh5.cloudfront.net" : distributionName(seed: "prefix:" + region)
    }

    /// `d` and 13 lower-case letters and digits derived from `seed`, then `.cloudfront.net`.
    static func distributionName(seed: String) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        let digest = Digest.sha256(Array(seed.utf8))
        let name = digest.prefix(13).map { alphabet[Int($0) % alphabet.count] }
        return "d" + String(name) + ".cloudfront.net"
    }

    /// `yyyyMMddHHmmss` in UTC for a Unix time: the SigV4 basic format without its `T` and `Z`.
    static func versionStamp(_ time: Double) -> String {
        SigV4Verifier.basicFormat(time).filter(\.isNumber)
    }
}
