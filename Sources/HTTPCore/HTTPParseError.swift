/// Why a request cannot be served. Every case is answered with its status, a one-line plain-text
/// body and `Connection: close`, and then the connection is closed: after a framing error the
/// position of the next request in the byte stream is unknown (RFC 9112 §6.3).
public enum HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Malformed request line, field line, chunk framing or `Content-Length`; conflicting framing.
    case badRequest(String)
    /// The request line plus header fields (or the chunked trailer section) exceed `maxHeadBytes`.
    case headTooLarge
    /// The declared or accumulated body exceeds `maxBodyBytes`.
    case bodyTooLarge
    /// A transfer coding other than `chunked` (RFC 9112 §6.1: "SHOULD respond with 501").
    case unsupportedTransferCoding(String)
    /// A protocol major version other than 1.
    case versionNotSupported
    /// The request did not arrive completely within `readTimeout`.
    case timedOut

    public var status: Int {
        switch self {
        case .badRequest: 400
        case .headTooLarge: 431
        case .bodyTooLarge: 413
        case .unsupportedTransferCoding: 501
        case .versionNotSupported: 505
        case .timedOut: 408
        }
    }

    public var description: String {
        switch self {
        case .badRequest(let reason): "Bad Request: \(reason)"
        case .headTooLarge: "Request header fields too large"
        case .bodyTooLarge: "Request body too large"
        case .unsupportedTransferCoding(let coding): "Unsupported transfer coding: \(coding)"
        case .versionNotSupported: "HTTP version not supported"
        case .timedOut: "Request timed out"
        }
    }
}

enum HTTPStatus {
    /// The reason phrase for the status line. Clients ignore it (RFC 9112 §4), so unknown codes get "Status".
    static func reasonPhrase(for status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 411: "Length Required"
        case 413: "Payload Too Large"
        case 415: "Unsupported Media Type"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 503: "Service Unavailable"
        case 505: "HTTP Version Not Supported"
        default: "Status"
        }
    }
}
