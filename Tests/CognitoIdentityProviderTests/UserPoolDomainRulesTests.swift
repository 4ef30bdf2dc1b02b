import Testing
@testable import CognitoIdentityProvider

/// The prefix and custom-domain name rules and the hosting names of `DomainDescription`.
@Suite struct UserPoolDomainRulesTests {
    @Test(arguments: ["a", "auth", "my-app-2", String(repeating: "a", count: 63)])
    func acceptsPrefixes(_ prefix: String) {
        #expect(UserPoolDomainRules.isValidPrefix(prefix))
    }

    @Test(arguments: ["", "-a", "a-", "Auth", "auth.example.com", "a_b", "é", String(repeating: "a", count: 64)])
    func refusesPrefixes(_ prefix: String) {
        #expect(!UserPoolDomainRules.isValidPrefix(prefix))
    }

    @Test func customDomainsNeedAParentBelowTheTopLevel() {
        #expect(UserPoolDomainRules.isValidCustomDomain("auth.example.com"))
        #expect(UserPoolDomainRules.isValidCustomDomain("Login.Sub.Example.co.uk"))
        for name in ["example.com", "auth..example.com", "auth.-x.com", "auth.ex_ample.com", "auth.example.com."] {
            #expect(!UserPoolDomainRules.isValidCustomDomain(name), "\(name)")
        }
    }

    @Test func managedLoginVersionDefaultsAndRange() throws {
        #expect(try UserPoolDomainRules.managedLoginVersion(nil, default: 1) == 1)
        #expect(try UserPoolDomainRules.managedLoginVersion(.int(2), default: 1) == 2)
        #expect(throws: (any Error).self) { try UserPoolDomainRules.managedLoginVersion(.int(0), default: 1) }
    }

    @Test func versionStampIsUTC() {
        #expect(DomainHosting.versionStamp(0) == "19700101000000")
        #expect(DomainHosting.versionStamp(1_755_469_929) == "20250817223209")
    }

    @Test func hostingNames() {
        #expect(DomainHosting.s3Bucket(region: "us-west-2") == "aws-cognito-prod-pdx-assets")
        #expect(DomainHosting.prefixDistribution(region: "us-east-1") == "d3oia8etllorh5.cloudfront.net")
        let made = DomainHosting.distributionName(seed: "custom:auth.example.com")
        #expect(made == DomainHosting.distributionName(seed: "custom:auth.example.com"))
        #expect(made.count == "d".count + 13 + ".cloudfront.net".count && made.hasPrefix("d"))
    }
}
