import FoundationEssentials
import Glibc

/// Who may call the test-control paths. They reset state, move the clock and hand out TOTP codes
/// and secrets, so a web page the developer happens to open must not reach them:
///
/// - DNS rebinding: a page on `evil.example` whose name later resolves to 127.0.0.1 sends requests
///   with `Host: evil.example`. Only Hosts that name this machine directly are accepted: an IP
///   literal, `localhost`, a `*.localhost` name (RFC 6761 §6.3: always loopback), the machine's own
///   host name, or a name the operator allowed (`--allowed-host`, e.g. a compose service name).
/// - Cross-site requests: browsers send `Origin`; one naming a host other than the request's own
///   Host (or `null`) is refused.
/// - Cross-site form posts (CSRF): a form or a "simple" fetch can only send the content types
///   `application/x-www-form-urlencoded`, `multipart/form-data` and `text/plain`. POSTs must say
///   `Content-Type: application/json`, which a browser sends cross-origin only after a CORS
///   preflight this server never approves.
public struct LocalOriginPolicy: Sendable {
    public enum Refusal: Equatable, Sendable {
        case hostNotAllowed(String)
        case crossOrigin(String)
        case notJSON

        /// 403, or 415 for a POST that is not JSON.
        public var status: Int { self == .notJSON ? 415 : 403 }

        public var message: String {
            switch self {
            case .hostNotAllowed(let host):
                "Host '\(host)' is not allowed for the control API: use localhost or an IP address, or start the server with --allowed-host <name>"
            case .crossOrigin(let origin):
                "Origin '\(origin)' is not allowed for the control API: cross-origin requests are refused"
            case .notJSON:
                "the control API takes POST requests with Content-Type: application/json only"
            }
        }
    }

    /// Lower-case names accepted besides IP literals, `localhost` and `*.localhost`.
    public let allowedHosts: Set<String>

    public init(allowedHosts: [String], machineHostName: String? = LocalOriginPolicy.machineHostName()) {
        var names = Set(allowedHosts.map { Self.normalise($0) })
        if let machineHostName, !machineHostName.isEmpty { names.insert(Self.normalise(machineHostName)) }
        self.allowedHosts = names
    }

    /// nil when `request` may proceed, otherwise why not.
    public func check(_ request: HTTPRequest) -> Refusal? {
        let hostHeader = request.headers["Host"] ?? ""
        guard let host = Self.hostName(ofAuthority: hostHeader), isAllowed(host) else {
            return .hostNotAllowed(hostHeader)
        }
        if let origin = request.headers["Origin"] {
            // `scheme://host[:port]`; `null` (sandboxed frames, file: pages) names no host at all.
            guard let schemeEnd = origin.firstRange(of: "://"),
                  let originHost = Self.hostName(ofAuthority: String(origin[schemeEnd.upperBound...])),
                  originHost == host
            else { return .crossOrigin(origin) }
        }
        if request.method == "POST" {
            let mediaType = (request.headers["Content-Type"] ?? "").split(separator: ";").first ?? ""
            // What CharacterSet.whitespaces trimmed: tab and Unicode's space separators (Zs).
            let isSpace: (Unicode.Scalar) -> Bool = { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
            let scalars = mediaType.unicodeScalars
            let trimmed = scalars.firstIndex(where: { !isSpace($0) }).map { String(String.UnicodeScalarView(scalars[$0...scalars.lastIndex(where: { !isSpace($0) })!])) } ?? ""
            guard trimmed.lowercased() == "application/json" else {
                return .notJSON
            }
        }
        return nil
    }

    func isAllowed(_ host: String) -> Bool {
        host == "localhost" || host.hasSuffix(".localhost") || Self.isIPLiteral(host) || allowedHosts.contains(host)
    }

    /// The host of `host[:port]` or `[v6]:port`, lower-case without a trailing dot; nil when empty
    /// or malformed (a path, user info or spaces).
    static func hostName(ofAuthority authority: String) -> String? {
        var text = Substring(authority)
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            text = text[text.startIndex...close]
        } else if let colon = text.lastIndex(of: ":") {
            text = text[..<colon]
        }
        let host = normalise(String(text))
        guard !host.isEmpty, !host.contains(where: { $0 == "/" || $0 == "@" || $0 == " " || $0 == "\\" }) else { return nil }
        return host
    }

    static func normalise(_ name: String) -> String {
        var lower = name.lowercased()
        if lower.hasSuffix(".") { lower.removeLast() }
        return lower
    }

    /// `127.0.0.1`, `10.1.2.3`, `[::1]`: addresses cannot be rebound to another site's name.
    static func isIPLiteral(_ host: String) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        if host.hasPrefix("["), host.hasSuffix("]") {
            return inet_pton(AF_INET6, String(host.dropFirst().dropLast()), &buffer) == 1
        }
        return inet_pton(AF_INET, host, &buffer) == 1
    }

    public static func machineHostName() -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return nil }
        return String(cString: buffer)
    }
}
