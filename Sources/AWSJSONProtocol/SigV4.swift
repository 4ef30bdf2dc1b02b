import CryptoPrimitives
import FoundationEssentials

/// What this server reads from a SigV4 `Authorization` header when signatures are not checked
/// (spec section 9, decision 21), and `SigV4Verifier` for when they are.
public enum SigV4 {
    /// The region of the credential scope in
    /// `AWS4-HMAC-SHA256 Credential=AKID/20260101/<region>/cognito-idp/aws4_request, SignedHeaders=…`,
    /// or nil when the header is absent or the scope is not `<key>/<date>/<region>/<service>/aws4_request`.
    public static func region(fromAuthorization header: String?) -> String? {
        guard let header, let range = header.firstRange(of: "Credential=") else { return nil }
        let value = header[range.upperBound...].prefix { $0 != "," && $0 != " " && $0 != "\t" }
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 5, parts[parts.count - 1] == "aws4_request" else { return nil }
        let region = parts[parts.count - 3]
        guard !region.isEmpty,
            region.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || ($0 | 0x20) &- UInt8(ascii: "a") < 26 || $0 &- UInt8(ascii: "0") < 10 })
        else { return nil }
        return String(region)
    }
}

/// The parts of an HTTP request a SigV4 signature covers. No sockets: the HTTP layer fills it in.
public struct SignedRequestParts: Sendable {
    public var method: String
    /// The path as sent, still percent-encoded (`/` for AWS JSON calls).
    public var path: String
    /// Everything after `?`, or nil.
    public var query: String?
    /// Header fields in arrival order; names compare case-insensitively.
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(method: String, path: String, query: String?, headers: [(String, String)], body: [UInt8]) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    func values(_ name: String) -> [String] {
        headers.compactMap { $0.0.lowercased() == name ? $0.1 : nil }
    }
}

/// Checks AWS Signature Version 4 (`Authorization: AWS4-HMAC-SHA256 …`) the way AWS's JSON front
/// end answers, with its error types and texts. Every text below was seen in a real AWS answer
/// (Cognito, or another AWS JSON 1.1 service when marked so); links beside each.
///
/// Order of the checks: header present → header complete → date well formed → credential scope
/// → clock skew → access key known → signature. The region of the scope is not checked (any
/// region is this emulator's region).
public struct SigV4Verifier: Sendable {
    public static let algorithm = "AWS4-HMAC-SHA256"
    /// AWS accepts a request whose date is at most five minutes off its clock.
    public static let allowedSkewSeconds: Double = 5 * 60

    /// Access key id → secret access key.
    public let secrets: [String: String]
    /// The signing name in the credential scope.
    public let service: String
    /// Seconds since 1970; injectable so tests can move the clock.
    public let now: @Sendable () -> Double

    public init(accessKeyId: String, secretAccessKey: String, service: String = "cognito-idp",
                now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.secrets = [accessKeyId: secretAccessKey]
        self.service = service
        self.now = now
    }

    // MARK: errors (spec section 9 row 16 and the evidence named on each)

    /// Spec section 9 row 16 (HTTP 400 as decided there).
    static let missingToken = AWSServiceError(type: "MissingAuthenticationTokenException", message: "Missing Authentication Token")

    /// Texts of Coral's IncompleteSignatureException: the "requires … parameter" list and the
    /// trailing `Authorization=<header>` as in https://github.com/brendanhay/amazonka/issues/316 (SES)
    /// and https://github.com/bKash-developer/webhook-endpoint-php/issues/3; the missing equal-sign
    /// text as in https://github.com/iann0036/cloud9-sync/issues/10 (JSON 1.1, HTTP 400) and
    /// https://github.com/aws/aws-sdk-go/issues/289.
    static func incomplete(_ message: String) -> AWSServiceError {
        AWSServiceError(type: "IncompleteSignatureException", message: message)
    }

    /// https://github.com/ArranJacques/laravel-aws-cognito-auth/issues/18 and
    /// https://github.com/ellaisys/aws-cognito/issues/24: cognito-idp, HTTP 400, exactly this text.
    static let signatureMismatch = AWSServiceError(
        type: "InvalidSignatureException",
        message: "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.")

    /// https://github.com/aws/aws-sdk-php/issues/2444 and pmill/aws-cognito#16: cognito-idp, HTTP 400.
    static let unknownKey = AWSServiceError(
        type: "UnrecognizedClientException", message: "The security token included in the request is invalid.")

    /// `Signature expired: <request> is now earlier than <now − 5 min> (<now> - 5 min.)`
    /// (https://github.com/remind101/logspout-kinesis/issues/21, Kinesis JSON 1.1, HTTP 400;
    /// hassy/artillery-dino#2) and `Signature not yet current: <request> is still later than
    /// <now + 5 min> (<now> + 5 min.)` (https://github.com/serverless/enterprise/issues/11).
    static func skew(request: String, now: Double, past: Bool) -> AWSServiceError {
        let limit = now + (past ? -allowedSkewSeconds : allowedSkewSeconds)
        let text = past
            ? "Signature expired: \(request) is now earlier than \(basicFormat(limit)) (\(basicFormat(now)) - 5 min.)"
            : "Signature not yet current: \(request) is still later than \(basicFormat(limit)) (\(basicFormat(now)) + 5 min.)"
        return AWSServiceError(type: "InvalidSignatureException", message: text)
    }

    // MARK: verification

    /// Returns normally when the request is signed with a known key and the signature matches.
    public func verify(_ request: SignedRequestParts) throws(AWSServiceError) {
        guard let header = request.values("authorization").first else { throw Self.missingToken }
        let parsed = try Self.parseAuthorization(header, hasDate: !request.values("x-amz-date").isEmpty || !request.values("date").isEmpty)
        let (amzDate, epoch) = try Self.requestDate(request)

        let scope = parsed.credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard scope.count == 5 else {
            throw Self.incomplete("Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '\(parsed.credential)'")
        }
        let (keyId, day, region, scopeService, terminator) = (scope[0], scope[1], scope[2], scope[3], scope[4])
        guard terminator == "aws4_request" else {
            throw Self.incomplete("Credential should be scoped with a valid terminator: 'aws4_request', not '\(terminator)'.")
        }
        guard scopeService == service else {
            throw AWSServiceError(type: "InvalidSignatureException", message: "Credential should be scoped to correct service: '\(service)'. ")
        }
        guard !region.isEmpty else {
            throw AWSServiceError(type: "InvalidSignatureException", message: "Credential should be scoped to a valid region, not ''. ")
        }
        guard day == String(amzDate.prefix(8)) else {
            throw AWSServiceError(
                type: "InvalidSignatureException",
                message: "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '\(day)' != '\(amzDate.prefix(8))', from '\(amzDate)'.")
        }

        let current = now()
        if epoch < current - Self.allowedSkewSeconds { throw Self.skew(request: amzDate, now: current, past: true) }
        if epoch > current + Self.allowedSkewSeconds { throw Self.skew(request: amzDate, now: current, past: false) }

        guard let secret = secrets[keyId] else { throw Self.unknownKey }

        let expected = Array(Self.signature(
            request, signedHeaders: parsed.signedHeaders, amzDate: amzDate, region: region, service: scopeService,
            secret: secret).utf8)
        guard Digest.constantTimeEquals(expected, Array(parsed.signature.lowercased().utf8)) else {
            throw Self.signatureMismatch
        }
    }

    /// The hex signature of `request` over `signedHeaders` (AWS General Reference, "Signature
    /// Version 4 signing process": string to sign, then the key derived from date, region, service).
    /// Shared with `SigV4Signer`, so signing and checking cannot drift apart.
    static func signature(
        _ request: SignedRequestParts, signedHeaders: [String], amzDate: String, region: String, service: String,
        secret: String
    ) -> String {
        let day = String(amzDate.prefix(8))
        let canonical = canonicalRequest(request, signedHeaders: signedHeaders)
        let stringToSign = [
            algorithm, amzDate, "\(day)/\(region)/\(service)/aws4_request", hex(Digest.sha256(Array(canonical.utf8))),
        ].joined(separator: "\n")
        var key = Digest.hmacSHA256(key: Array("AWS4\(secret)".utf8), message: Array(day.utf8))
        for part in [region, service, "aws4_request"] {
            key = Digest.hmacSHA256(key: key, message: Array(part.utf8))
        }
        return hex(Digest.hmacSHA256(key: key, message: Array(stringToSign.utf8)))
    }

    struct Authorization {
        var credential: String
        var signedHeaders: [String]
        var signature: String
    }

    /// `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=a;b, Signature=hex`. Components are
    /// separated by commas and/or spaces (AWS reports a stray space inside the credential as a
    /// component without an equal sign).
    static func parseAuthorization(_ header: String, hasDate: Bool) throws(AWSServiceError) -> Authorization {
        var rest = Substring(header)
        if rest.hasPrefix(algorithm + " ") || rest == Substring(algorithm) {
            rest = rest.dropFirst(algorithm.count)
        } else {
            // Another scheme (Basic, Bearer, AWS v2…): nothing that AWS4 needs is there.
            rest = ""
        }
        var fields: [String: String] = [:]
        for token in rest.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }) {
            guard let equals = token.firstIndex(of: "=") else {
                throw incomplete("'\(token)' not a valid key=value pair (missing equal-sign) in Authorization header: '\(header)'.")
            }
            let name = String(token[..<equals])
            if fields[name] == nil { fields[name] = String(token[token.index(after: equals)...]) }
        }
        var problems = ""
        for required in ["Credential", "Signature", "SignedHeaders"] where (fields[required] ?? "").isEmpty {
            problems += "Authorization header requires '\(required)' parameter. "
        }
        if !hasDate { problems += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. " }
        if !problems.isEmpty { throw incomplete(problems + "Authorization=\(header)") }
        return Authorization(
            credential: fields["Credential"]!,
            signedHeaders: fields["SignedHeaders"]!.split(separator: ";", omittingEmptySubsequences: false).map { $0.lowercased() },
            signature: fields["Signature"]!)
    }

    /// The request time as `yyyyMMddTHHmmssZ` and as seconds since 1970: `X-Amz-Date`, else
    /// `Date` (RFC 7231 IMF-fixdate).
    static func requestDate(_ request: SignedRequestParts) throws(AWSServiceError) -> (String, Double) {
        if let value = request.values("x-amz-date").first {
            guard let epoch = parseBasicFormat(value) else {
                throw incomplete("Date must be in ISO-8601 'basic format'. Got '\(value)'. See http://en.wikipedia.org/wiki/ISO_8601")
            }
            return (value, epoch)
        }
        let value = request.values("date").first ?? ""
        guard let epoch = parseIMFFixdate(value) else {
            throw incomplete("Date must be in ISO-8601 'basic format'. Got '\(value)'. See http://en.wikipedia.org/wiki/ISO_8601")
        }
        return (basicFormat(epoch), epoch)
    }

    /// `Sun, 06 Nov 1994 08:49:37 GMT` (RFC 7231 section 7.1.1.1, IMF-fixdate) → seconds since 1970,
    /// or nil. The day name must be one of the seven and the zone `GMT`, as the RFC requires.
    static func parseIMFFixdate(_ text: String) -> Double? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        let days = ["Mon,", "Tue,", "Wed,", "Thu,", "Fri,", "Sat,", "Sun,"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard parts.count == 6, days.contains(String(parts[0])), parts[5] == "GMT",
            parts[1].count == 2, let day = Int(parts[1]), let monthIndex = months.firstIndex(of: String(parts[2])),
            parts[3].count == 4, let year = Int(parts[3])
        else { return nil }
        let clock = parts[4].split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 3, clock.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
            let hour = Int(clock[0]), let minute = Int(clock[1]), let second = Int(clock[2]),
            (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        let days1970 = CivilDate.daysSinceEpoch(year: year, month: monthIndex + 1, day: day)
        return Double(days1970 * 86_400 + hour * 3_600 + minute * 60 + second)
    }

    /// `20260101T120000Z` → seconds since 1970 (UTC), or nil.
    static func parseBasicFormat(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte &- UInt8(ascii: "0") < 10 else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
              let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        return Double(CivilDate.daysSinceEpoch(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second)
    }

    /// Seconds since 1970 → `yyyyMMddTHHmmssZ`.
    public static func basicFormat(_ epoch: Double) -> String {
        let seconds = Int(Int64(saturatingFloor: epoch))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let (year, month, day) = CivilDate.civil(fromDays: days)
        let inDay = seconds - days * 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)\(two(month))\(two(day))T\(two(inDay / 3600))\(two(inDay / 60 % 60))\(two(inDay % 60))Z"
    }

    // MARK: canonical request (AWS General Reference, "Create a canonical request for Signature Version 4")

    static func canonicalRequest(_ request: SignedRequestParts, signedHeaders: [String]) -> String {
        var lines = [request.method, canonicalPath(request.path), canonicalQuery(request.query)]
        var headerBlock = ""
        for name in signedHeaders {
            let joined = request.values(name).map(trimmedAndCollapsed).joined(separator: ",")
            headerBlock += "\(name):\(joined)\n"
        }
        lines.append(headerBlock)
        lines.append(signedHeaders.joined(separator: ";"))
        lines.append(hex(Digest.sha256(request.body)))
        return lines.joined(separator: "\n")
    }

    /// Each path segment percent-decoded, then encoded again with the RFC 3986 unreserved set;
    /// an empty path is `/`. Non-S3 services encode the path as sent once more (double encoding).
    static func canonicalPath(_ path: String) -> String {
        if path.isEmpty { return "/" }
        return uriEncode(Array(path.utf8), keepSlash: true)
    }

    /// Parameters sorted by encoded name, then value; each name and value percent-decoded
    /// (`+` stays a plus sign) and re-encoded.
    static func canonicalQuery(_ query: String?) -> String {
        guard let query, !query.isEmpty else { return "" }
        var pairs: [(String, String)] = []
        for item in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = uriEncode(percentDecode(parts[0]), keepSlash: false)
            let value = parts.count > 1 ? uriEncode(percentDecode(parts[1]), keepSlash: false) : ""
            pairs.append((name, value))
        }
        pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        return pairs.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    static func percentDecode(_ text: Substring) -> [UInt8] {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return output
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    static func uriEncode(_ bytes: [UInt8], keepSlash: Bool) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        for byte in bytes {
            let unreserved = (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "~") || (keepSlash && byte == UInt8(ascii: "/"))
            if unreserved {
                output.append(byte)
            } else {
                output.append(contentsOf: [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 15)]])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// One path segment (a Lambda function name, a qualifier) percent-encoded with the RFC 3986
    /// unreserved set, `/` included, as a client puts it into a request path.
    public static func uriEncodePathSegment(_ text: String) -> String {
        uriEncode(Array(text.utf8), keepSlash: false)
    }

    /// Leading and trailing spaces removed, runs of spaces inside collapsed to one.
    static func trimmedAndCollapsed(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}

func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count * 2)
    for byte in bytes { output.append(digits[Int(byte >> 4)]); output.append(digits[Int(byte & 15)]) }
    return String(decoding: output, as: UTF8.self)
}
