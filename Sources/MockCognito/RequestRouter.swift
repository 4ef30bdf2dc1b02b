import AWSJSONProtocol
import Foundation
import HTTPCore

/// Turns HTTP requests into AWS JSON 1.1 calls (`POST /` with `X-Amz-Target`) and serves the
/// test-control paths under `/_mock/`, which never collide with AWS paths. Logs one line per request.
struct RequestRouter: HTTPHandler {
    let service: AWSJSONService
    let defaultRegion: String
    let logger: Logger

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        let started = DispatchTime.now().uptimeNanoseconds
        let requestId = RequestID.make()
        let response: HTTPResponse
        let label: String
        if request.path.hasPrefix("/_mock/") {
            (response, label) = (control(request), "\(request.method) \(request.path)")
        } else if request.method == "POST" {
            let context = RequestContext(
                requestId: requestId,
                region: SigV4.region(fromAuthorization: request.headers["Authorization"]) ?? defaultRegion,
                host: request.headers["Host"])
            let answer = service.respond(target: request.headers["X-Amz-Target"], body: request.body, context: context)
            response = HTTPResponse(status: answer.status, headers: answer.headers, body: answer.body)
            label = (answer.operation ?? "-") + (answer.errorType.map { " \($0)" } ?? "")
        } else {
            (response, label) = (Self.notFound, "\(request.method) \(request.path)")
        }
        if logger.minimumLevel <= .info {
            let micros = (DispatchTime.now().uptimeNanoseconds - started) / 1000
            let millis = "\(micros / 1000).\(String(micros % 1000 + 1000).dropFirst())"
            logger.log(.info, "\(label) \(response.status) \(millis)ms \(requestId)")
        }
        return response
    }

    private func control(_ request: HTTPRequest) -> HTTPResponse {
        switch (request.method, request.path) {
        case ("GET", "/_mock/health"):
            return HTTPResponse(
                status: 200, headers: [("Content-Type", "application/json")], body: Array(#"{"status":"ok"}"#.utf8))
        default:
            return Self.notFound
        }
    }

    private static let notFound = HTTPResponse(
        status: 404, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array("Not Found\n".utf8))
}
