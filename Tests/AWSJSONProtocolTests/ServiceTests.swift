import Testing
@testable import AWSJSONProtocol

private struct Boom: Error {}

private let context = RequestContext(requestId: "0f8fad5b-d9cb-469f-a165-70867728950e", region: "us-east-1", host: nil)

private func makeService() -> AWSJSONService {
    AWSJSONService(targetPrefix: "AWSCognitoIdentityProviderService", operations: [
        OperationDefinition(name: "GetUserPoolMfaConfig", inputShape: "GetUserPoolMfaConfigRequest") { input, _ in
            ["MfaConfiguration": "OFF", "Echo": input["UserPoolId"] ?? nil]
        },
        OperationDefinition(name: "SetUserPoolMfaConfig", inputShape: "SetUserPoolMfaConfigRequest") { _, _ in
            throw AWSServiceError.resourceNotFound("User pool us-east-1_I2634F7rY does not exist.")
        },
        OperationDefinition(name: "DeleteUserPool", inputShape: "DeleteUserPoolRequest") { _, _ in throw Boom() },
        OperationDefinition(name: "GlobalSignOut", inputShape: "GlobalSignOutRequest") { _, _ in nil },
        OperationDefinition(name: "Custom", inputShape: "NotInTheModel") { input, _ in input },
    ])
}

private func header(_ response: AWSJSONResponse, _ name: String) -> String? {
    response.headers.first { $0.0.lowercased() == name.lowercased() }?.1
}

private func body(_ response: AWSJSONResponse) -> String { String(decoding: response.body, as: UTF8.self) }

private let getTarget = "AWSCognitoIdentityProviderService.GetUserPoolMfaConfig"

@Suite struct ServiceTests {
    @Test func successCarriesHeadersAndSortedBody() {
        let response = makeService().respond(target: getTarget, body: Array(#"{"UserPoolId":"us-east-1_I2634F7rY"}"#.utf8), context: context)
        #expect(response.status == 200)
        #expect(body(response) == #"{"Echo":"us-east-1_I2634F7rY","MfaConfiguration":"OFF"}"#)
        #expect(header(response, "Content-Type") == "application/x-amz-json-1.1")
        #expect(header(response, "x-amzn-RequestId") == context.requestId)
        #expect(header(response, "x-amzn-ErrorType") == nil)
        #expect(response.operation == "GetUserPoolMfaConfig")
        #expect(response.errorType == nil)
    }

    @Test func emptyOutputIsAnEmptyObject() {
        let response = makeService().respond(target: "AWSCognitoIdentityProviderService.GlobalSignOut", body: Array(#"{"AccessToken":"t"}"#.utf8), context: context)
        #expect(response.status == 200)
        #expect(body(response) == "{}")
    }

    @Test func unknownForeignOrMissingTarget() {
        let service = makeService()
        for target in [nil, "", "AWSCognitoIdentityProviderService.NoSuchThing", "DynamoDB_20120810.GetUserPoolMfaConfig",
                       "GetUserPoolMfaConfig", "awscognitoidentityproviderservice.GetUserPoolMfaConfig", "AWSCognitoIdentityProviderService."] {
            let response = service.respond(target: target, body: Array("{}".utf8), context: context)
            #expect(response.status == 400)
            #expect(body(response) == #"{"__type":"UnknownOperationException"}"#)
            #expect(header(response, "x-amzn-ErrorType") == "UnknownOperationException:")
            #expect(header(response, "x-amzn-ErrorMessage") == nil)
            #expect(header(response, "x-amzn-RequestId") == context.requestId)
            #expect(response.errorType == "UnknownOperationException")
            #expect(response.operation == nil)
        }
    }

    @Test func malformedBodyIsASerializationExceptionWithoutMessage() {
        for text in ["{", "hello", "{\"UserPoolId\":}", " ", "{} {}"] {
            let response = makeService().respond(target: getTarget, body: Array(text.utf8), context: context)
            #expect(response.status == 400)
            #expect(body(response) == #"{"__type":"SerializationException"}"#)
            #expect(header(response, "x-amzn-ErrorType") == "SerializationException:")
            #expect(response.operation == "GetUserPoolMfaConfig")
        }
        let invalidUTF8 = makeService().respond(target: getTarget, body: [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D], context: context)
        #expect(body(invalidUTF8) == #"{"__type":"SerializationException"}"#)
    }

    @Test func wrongTypeIsASerializationExceptionWithMessage() {
        let response = makeService().respond(target: getTarget, body: Array(#"{"UserPoolId":5}"#.utf8), context: context)
        #expect(response.status == 400)
        #expect(body(response) == #"{"__type":"SerializationException","message":"NUMBER_VALUE can not be converted to a String"}"#)
        #expect(header(response, "x-amzn-ErrorMessage") == "NUMBER_VALUE can not be converted to a String")
    }

    @Test func emptyBodyMeansEmptyInput() {
        let response = makeService().respond(target: getTarget, body: [], context: context)
        #expect(response.status == 400)
        #expect(body(response) == #"{"__type":"InvalidParameterException","message":"1 validation error detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null"}"#)
        #expect(header(response, "x-amzn-ErrorType") == "InvalidParameterException:")
    }

    @Test func topLevelNullIsNotAnObject() {
        let response = makeService().respond(target: getTarget, body: Array("null".utf8), context: context)
        #expect(response.status == 400)
        #expect(body(response) == #"{"__type":"SerializationException"}"#)
    }

    @Test func handlerServiceErrorIsEncoded() {
        let response = makeService().respond(target: "AWSCognitoIdentityProviderService.SetUserPoolMfaConfig",
                                             body: Array(#"{"UserPoolId":"us-east-1_I2634F7rY"}"#.utf8), context: context)
        #expect(response.status == 400)
        #expect(body(response) == #"{"__type":"ResourceNotFoundException","message":"User pool us-east-1_I2634F7rY does not exist."}"#)
        #expect(header(response, "x-amzn-ErrorType") == "ResourceNotFoundException:")
        #expect(header(response, "x-amzn-ErrorMessage") == "User pool us-east-1_I2634F7rY does not exist.")
        #expect(response.errorType == "ResourceNotFoundException")
    }

    @Test func otherHandlerErrorsAreInternal() {
        let response = makeService().respond(target: "AWSCognitoIdentityProviderService.DeleteUserPool",
                                             body: Array(#"{"UserPoolId":"us-east-1_I2634F7rY"}"#.utf8), context: context)
        #expect(response.status == 500)
        #expect(body(response) == #"{"__type":"InternalErrorException","message":"Internal error"}"#)
        #expect(header(response, "x-amzn-ErrorType") == "InternalErrorException:")
    }

    @Test func shapesOutsideTheTableOnlyNeedAnObject() {
        let service = makeService()
        let ok = service.respond(target: "AWSCognitoIdentityProviderService.Custom", body: Array(#"{"b":1,"a":2}"#.utf8), context: context)
        #expect(body(ok) == #"{"a":2,"b":1}"#)
        let list = service.respond(target: "AWSCognitoIdentityProviderService.Custom", body: Array("[]".utf8), context: context)
        #expect(body(list) == #"{"__type":"SerializationException","message":"Start of list found where not expected"}"#)
    }

    @Test func errorMessageHeaderIsHeaderSafe() {
        #expect(AWSJSONService.headerSafe("a\r\nInjected: yes\tb\u{7}c") == "aInjected: yes b c")
    }
}

@Suite struct SigV4AndRequestIDTests {
    @Test func regionFromCredentialScope() {
        let header = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-2/cognito-idp/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=abc"
        #expect(SigV4.region(fromAuthorization: header) == "eu-west-2")
        #expect(SigV4.region(fromAuthorization: "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/cognito-idp/aws4_request,SignedHeaders=host") == "us-east-1")
        #expect(SigV4.region(fromAuthorization: "AWS4-HMAC-SHA256 Credential=AKID/20260101/ap-southeast-2/cognito-idp/aws4_request") == "ap-southeast-2")
        #expect(SigV4.region(fromAuthorization: nil) == nil)
        #expect(SigV4.region(fromAuthorization: "") == nil)
        #expect(SigV4.region(fromAuthorization: "Bearer abc") == nil)
        #expect(SigV4.region(fromAuthorization: "AWS4-HMAC-SHA256 Credential=AKID/20260101//cognito-idp/aws4_request") == nil)
        #expect(SigV4.region(fromAuthorization: "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1") == nil)
        #expect(SigV4.region(fromAuthorization: "AWS4-HMAC-SHA256 Credential=AKID/20260101/us east/cognito-idp/aws4_request") == nil)
    }

    @Test func requestIDsAreLowerCaseUUIDv4() {
        let id = RequestID.make()
        let bytes = Array(id.utf8)
        #expect(bytes.count == 36)
        for (offset, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(offset) {
                #expect(byte == UInt8(ascii: "-"))
            } else {
                #expect((UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte))
            }
        }
        #expect(bytes[14] == UInt8(ascii: "4"))
        #expect("89ab".utf8.contains(bytes[19]))
    }

    @Test func requestIDsAreUniqueAcrossThreads() async {
        let batches = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 { group.addTask { (0..<5_000).map { _ in RequestID.make() } } }
            var all: [[String]] = []
            for await batch in group { all.append(batch) }
            return all
        }
        let ids = batches.flatMap { $0 }
        #expect(Set(ids).count == ids.count)
        #expect(ids.count == 40_000)
    }
}
