import AWSJSONProtocol
import Testing
@testable import CognitoIdentityProvider

/// The schema rules AddCustomAttributes and CreateUserPool apply to custom attributes.
@Suite struct CustomAttributeRulesTests {
    func attribute(_ name: String, developerOnly: Bool = false, required: Bool = false) -> JSONValue {
        ["Name": .string(name), "AttributeDataType": "String", "DeveloperOnlyAttribute": .bool(developerOnly), "Required": .bool(required)]
    }

    @Test func namesGetTheirPrefix() {
        #expect(CustomAttributeRules.entry(["Name": "tier", "AttributeDataType": "String"]) == [
            "Name": "custom:tier", "AttributeDataType": "String", "DeveloperOnlyAttribute": false, "Mutable": true, "Required": false,
        ])
        #expect(CustomAttributeRules.storedName(attribute("x", developerOnly: true)) == "dev:custom:x")
    }

    @Test func requiredIsRefusedBeforeDuplicates() {
        #expect(throws: CognitoErrors.requiredCustomAttribute) {
            try CustomAttributeRules.check([attribute("a"), attribute("a", required: true)], existing: [])
        }
    }

    @Test func duplicatesInThePoolOrTheRequestAreRefused() {
        #expect(throws: CognitoErrors.customAttributeExists("custom:a")) {
            try CustomAttributeRules.check([attribute("a")], existing: [["Name": "custom:a"]])
        }
        #expect(throws: CognitoErrors.customAttributeExists("custom:b")) {
            try CustomAttributeRules.check([attribute("b"), attribute("b")], existing: [])
        }
        // A developer-only attribute and a plain one of the same name are different attributes.
        #expect(throws: Never.self) { try CustomAttributeRules.check([attribute("c"), attribute("c", developerOnly: true)], existing: []) }
    }

    @Test func fiftyCustomAttributesAtMost() throws {
        let existing: [JSONValue] = UserPoolDefaults.standardSchema + (0..<49).map { ["Name": .string("custom:e\($0)")] }
        try CustomAttributeRules.check([attribute("last")], existing: existing)
        #expect(throws: CognitoErrors.tooManyCustomAttributes) {
            try CustomAttributeRules.check([attribute("x"), attribute("y")], existing: existing)
        }
    }
}
