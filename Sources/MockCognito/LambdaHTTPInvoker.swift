import AWSJSONProtocol
import CognitoIdentityProvider
import FoundationEssentials
import Glibc
import HTTPCore

/// Invokes trigger functions through the AWS Lambda Invoke API
/// (`POST /2015-03-31/functions/<name>/invocations`, API reference "Invoke") at an endpoint such
/// as `sam local start-lambda`, LocalStack or ministack, signed with SigV4 for the region in the
/// function's ARN and the standard AWS credential variables.
struct LambdaHTTPInvoker: LambdaInvoking {
    /// AWS gives user pool triggers 5 seconds (developer guide, "Using Lambda triggers":
    /// "Amazon Cognito invokes Lambda functions synchronously… must respond within 5 seconds").
    static let timeoutSeconds: Double = 5
    /// The Invoke API's synchronous payload limit is 6 MB.
    static let maxResponseBytes = 6 * 1024 * 1024

    let endpoint: LambdaEndpoint
    let signer: SigV4Signer
    var timeout = LambdaHTTPInvoker.timeoutSeconds

    /// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`, dummy
    /// values when unset (local Lambda emulators accept any).
    init(endpoint: LambdaEndpoint, environment: [String: String]) {
        self.endpoint = endpoint
        self.signer = SigV4Signer(
            accessKeyId: environment["AWS_ACCESS_KEY_ID"].flatMap { $0.isEmpty ? nil : $0 } ?? "test",
            secretAccessKey: environment["AWS_SECRET_ACCESS_KEY"].flatMap { $0.isEmpty ? nil : $0 } ?? "test",
            sessionToken: environment["AWS_SESSION_TOKEN"])
    }

    func invoke(functionArn: String, payload: [UInt8]) throws(LambdaInvocationError) -> [UInt8] {
        let function = FunctionReference(arn: functionArn)
        let path = endpoint.pathPrefix + "/2015-03-31/functions/"
            + SigV4Verifier.uriEncodePathSegment(function.name) + "/invocations"
        let query = function.qualifier.map { "Qualifier=\(SigV4Verifier.uriEncodePathSegment($0))" }
        let headers: [(String, String)] = [
            ("Host", endpoint.hostHeader), ("Content-Type", "application/json"),
            ("X-Amz-Invocation-Type", "RequestResponse"),
        ]
        let parts = SignedRequestParts(method: "POST", path: path, query: query, headers: headers, body: payload)
        let signed = signer.headers(
            for: parts, region: function.region, service: "lambda", epochSeconds: Date().timeIntervalSince1970)
        let response: HTTPClientResponse
        do {
            response = try HTTPClient.send(
                host: endpoint.host, port: endpoint.port, method: "POST", path: path + (query.map { "?\($0)" } ?? ""),
                headers: headers.filter { $0.0 != "Host" } + signed, body: payload, timeout: timeout,
                maxResponseBytes: Self.maxResponseBytes)
        } catch {
            switch error {
            case .timedOut: throw .timedOut
            case .unreachable(let reason): throw .unreachable(reason)
            case .malformedResponse(let reason): throw .unreachable("malformed response: \(reason)")
            case .responseTooLarge: throw .serviceError(type: "RequestTooLargeException", message: "response over 6 MB")
            }
        }
        let body = (try? JSONParser.parse(response.body)) ?? .null
        guard (200..<300).contains(response.status) else {
            // The Lambda API names its error in x-amzn-ErrorType (`Type:extra`) or the body.
            let named = response.header("x-amzn-ErrorType")?.split(separator: ":").first.map(String.init)
                ?? body["__type"]?.stringValue ?? body["Type"]?.stringValue ?? "ServiceException"
            let message = body["message"]?.stringValue ?? body["Message"]?.stringValue ?? "HTTP \(response.status)"
            throw .serviceError(type: named, message: message)
        }
        if response.header("X-Amz-Function-Error") != nil {
            // `{"errorMessage": …, "errorType": …, "stackTrace": […]}` (Lambda runtime error format).
            throw .functionError(message: body["errorMessage"]?.stringValue ?? String(decoding: response.body, as: UTF8.self))
        }
        return response.body
    }
}

/// The parts of `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]` the call needs;
/// anything else is passed on as a name in the default region.
struct FunctionReference {
    let name: String
    let qualifier: String?
    let region: String

    init(arn: String) {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count >= 7, parts[0] == "arn", parts[2] == "lambda", parts[5] == "function" {
            name = parts[6]
            qualifier = parts.count > 7 ? parts[7] : nil
            region = parts[3].isEmpty ? "us-east-1" : parts[3]
        } else {
            name = arn
            qualifier = nil
            region = "us-east-1"
        }
    }
}

/// `--lambda-endpoint`: `http://host[:port][/path]` (plain HTTP: local Lambda emulators).
struct LambdaEndpoint: Sendable, Equatable {
    let host: String
    let port: UInt16
    let pathPrefix: String

    var hostHeader: String {
        let shown = host.contains(":") ? "[\(host)]" : host
        return port == 80 ? shown : "\(shown):\(port)"
    }

    /// Nil when `text` is not an `http://` URL with a host.
    init?(_ text: String) {
        guard text.hasPrefix("http://") else { return nil }
        var rest = Substring(text.dropFirst("http://".count))
        var prefix = ""
        if let slash = rest.firstIndex(of: "/") {
            prefix = String(rest[slash...])
            rest = rest[..<slash]
        }
        while prefix.hasSuffix("/") { prefix.removeLast() }
        var hostPart = rest
        var port: UInt16 = 80
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            hostPart = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { guard let value = UInt16(after.dropFirst()) else { return nil }; port = value }
            else if !after.isEmpty { return nil }
        } else if let colon = rest.lastIndex(of: ":") {
            guard let value = UInt16(rest[rest.index(after: colon)...]) else { return nil }
            port = value
            hostPart = rest[..<colon]
        }
        guard !hostPart.isEmpty, port > 0 else { return nil }
        host = String(hostPart)
        self.port = port
        pathPrefix = prefix
    }
}
