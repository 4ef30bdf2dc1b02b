import Foundation
import Testing
@testable import AWSJSONProtocol

private func serializationMessage(_ shape: String, _ input: JSONValue) -> String?? {
    do {
        _ = try InputValidator(table: CognitoIdentityProviderModel.table).validate(input, shape: shape)
        return nil
    } catch {
        guard error.type == "SerializationException" else { return .some("unexpected \(error.type)") }
        return .some(error.message)
    }
}

private let pool: JSONValue = "us-east-1_I2634F7rY"

@Suite struct SerializationTests {
    @Test func wrongJSONTypes() {
        let mfa = "SetUserPoolMfaConfigRequest"
        #expect(serializationMessage(mfa, ["UserPoolId": 1]) == "NUMBER_VALUE can not be converted to a String")
        #expect(serializationMessage(mfa, ["UserPoolId": true]) == "TRUE_VALUE can not be converted to a String")
        #expect(serializationMessage(mfa, ["UserPoolId": false]) == "FALSE_VALUE can not be converted to a String")
        #expect(serializationMessage(mfa, ["UserPoolId": ["x"]]) == "Start of list found where not expected")
        #expect(serializationMessage(mfa, ["UserPoolId": ["a": "b"]]) == "Start of structure or map found where not expected.")
        #expect(serializationMessage(mfa, ["UserPoolId": pool, "SmsMfaConfiguration": "x"]) == "Expected null")
        #expect(serializationMessage(mfa, ["UserPoolId": pool, "SmsMfaConfiguration": []]) == "Start of list found where not expected")
        #expect(serializationMessage(mfa, ["UserPoolId": pool, "SoftwareTokenMfaConfiguration": ["Enabled": 1]])
            == "NUMBER_VALUE can not be converted to an Boolean")
        #expect(serializationMessage(mfa, ["UserPoolId": pool, "SoftwareTokenMfaConfiguration": ["Enabled": "maybe"]])
            == "STRING_VALUE can not be converted to an Boolean")
        #expect(serializationMessage("ListUserPoolsRequest", ["MaxResults": "10"]) == "STRING_VALUE can not be converted to an Integer")
        #expect(serializationMessage("ListUserPoolsRequest", ["MaxResults": true]) == "TRUE_VALUE can not be converted to an Integer")
        let client = "CreateUserPoolClientRequest"
        #expect(serializationMessage(client, ["UserPoolId": pool, "ClientName": "c", "ExplicitAuthFlows": "ALLOW_USER_SRP_AUTH"]) == "Expected list or null")
        #expect(serializationMessage(client, ["UserPoolId": pool, "ClientName": "c", "ExplicitAuthFlows": ["a": 1]])
            == "Start of structure or map found where not expected.")
        #expect(serializationMessage(client, ["UserPoolId": pool, "ClientName": "c", "ExplicitAuthFlows": [1]])
            == "NUMBER_VALUE can not be converted to a String")
        #expect(serializationMessage("SignUpRequest", ["ClientId": "c", "Username": "u", "ClientMetadata": "x"]) == "Expected map or null")
        #expect(serializationMessage("SignUpRequest", ["ClientId": "c", "Username": "u", "ClientMetadata": ["x"]]) == "Start of list found where not expected")
    }

    @Test func topLevelMustBeAnObject() {
        #expect(serializationMessage("ListUserPoolsRequest", []) == "Start of list found where not expected")
        #expect(serializationMessage("ListUserPoolsRequest", "x") == "Expected null")
    }

    @Test func serializationBeatsConstraints() {
        // A missing required member and a wrongly typed one: the type error alone is reported.
        #expect(serializationMessage("SetUserPoolMfaConfigRequest", ["MfaConfiguration": 3]) == "NUMBER_VALUE can not be converted to a String")
    }

    @Test func coercionsCoralPerforms() throws {
        let validator = InputValidator(table: CognitoIdentityProviderModel.table)
        #expect(try validator.validate(["MaxResults": .double(10.7)], shape: "ListUserPoolsRequest") == ["MaxResults": 10])
        let output = try validator.validate(
            ["UserPoolId": pool, "ClientName": "c", "GenerateSecret": "TRUE", "ExplicitAuthFlows": [nil, "ALLOW_USER_SRP_AUTH"]],
            shape: "CreateUserPoolClientRequest")
        #expect(output["GenerateSecret"] == true)
        #expect(output["ExplicitAuthFlows"] == ["ALLOW_USER_SRP_AUTH"])
    }
}

@Suite struct PatternTests {
    @Test func fastPathsAgreeWithICU() throws {
        let samples = ["", "a", "us-east-1_I2634F7rY", "us-east-1_", "_abc", "a_b_c", "a-b_c-d", "é_1", "abc def", "a\tb",
                       "x@y", "Passw0rd!", "pass word", "名前", "emoji😀", "a\u{0B}b", "3n4b5urk1ft4fl3mg5e62d9ado", "a+b=c/d",
                       "line\nbreak", "\u{2028}", "A-Z_9=.", "#####", "{####}", "\u{00A0}"]
        let table = CognitoIdentityProviderModel.table
        var fastCount = 0
        for matcher in table.matchers {
            if matcher.fast != nil { fastCount += 1 }
            // ICU (Foundation's NSRegularExpression, which the server used before it dropped full
            // Foundation) is the oracle for both the fast paths and the standard library's Regex.
            let translated = "(?:" + PatternMatcher.javaToICU(matcher.source) + ")\\z"
            let icu = try NSRegularExpression(pattern: translated)
            for sample in samples {
                let range = NSRange(location: 0, length: sample.utf16.count)
                let expected = icu.firstMatch(in: sample, options: [.anchored], range: range) != nil
                #expect(matcher.matches(sample) == expected, "\(matcher.source) on \(sample.debugDescription)")
            }
            #expect(matcher.compileError == nil, "\(matcher.source): \(matcher.compileError ?? "")")
        }
        #expect(fastCount >= 15)
        #expect(table.matchers.first { $0.source == #"[\w-]+_[0-9a-zA-Z]+"# }?.fast != nil)
    }

    @Test func javaMeaningsNotICUs() {
        let word = PatternMatcher(#"[\w+]+"#)
        #expect(word.matches("abc_9+"))
        #expect(!word.matches("é"))  // Java \w is ASCII-only
        let pool = PatternMatcher(#"[\w-]+_[0-9a-zA-Z]+"#)
        #expect(pool.matches("us-east-1_I2634F7rY"))
        #expect(!pool.matches("us-east-1_I2634F7rY-"))
        #expect(!pool.matches("ap-northeast-1_é"))
        let code = PatternMatcher(#".*\{####\}.*"#)
        #expect(code.matches("Your code is {####}."))
        #expect(code.matches("a\u{0B}{####}"))  // Java's `.` accepts \x0B, ICU's does not
        #expect(!code.matches("a\n{####}"))
        let unanchoredAlternation = PatternMatcher("^(terms-of-use|privacy-policy)$")
        #expect(unanchoredAlternation.matches("privacy-policy"))
        #expect(!unanchoredAlternation.matches("privacy-policyx"))
        #expect(PatternMatcher(#"^[0-9A-Za-z\.\-_]*(?<!\.)$"#).matches("a.b"))
        #expect(!PatternMatcher(#"^[0-9A-Za-z\.\-_]*(?<!\.)$"#).matches("a.b."))
    }
}
