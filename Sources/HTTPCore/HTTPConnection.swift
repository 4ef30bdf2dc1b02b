#if canImport(Glibc)
import Glibc
#endif

/// Serves one client connection on the calling thread until it closes: read, parse, call the
/// handler, write, repeat. Built inside the connection thread, so its buffers are never shared.
///
/// Timeouts without a timer: while idle between requests the blocking `recv` is bounded by
/// `SO_RCVTIMEO` (= idleTimeout, set once), so the hot keep-alive path costs one `recv` and one
/// `send` per request. Only when a request is partly in does the loop `poll` against that
/// request's deadline (= readTimeout after the loop first saw it incomplete), so a client that
/// trickles bytes cannot stretch it.
struct HTTPConnection {
    let record: ConnectionRecord
    let registry: ConnectionRegistry
    let configuration: HTTPServerConfiguration
    let handler: any HTTPHandler
    let log: @Sendable (HTTPLogLevel, String) -> Void

    private var parser: HTTPRequestParser
    private var writer = HTTPResponseWriter()
    private var readBuffer = [UInt8](repeating: 0, count: 16 * 1024)
    /// Monotonic time by which the request now being received must be complete; nil between requests.
    private var requestDeadline: Double?

    init(record: ConnectionRecord, registry: ConnectionRegistry, configuration: HTTPServerConfiguration,
         handler: any HTTPHandler, log: @escaping @Sendable (HTTPLogLevel, String) -> Void) {
        self.record = record
        self.registry = registry
        self.configuration = configuration
        self.handler = handler
        self.log = log
        parser = HTTPRequestParser(maxHeadBytes: configuration.maxHeadBytes, maxBodyBytes: configuration.maxBodyBytes)
    }

    private var fd: Int32 { record.fd }

    /// Runs the connection to its end, then unregisters and closes the descriptor (in that order:
    /// see `ConnectionRegistry`).
    mutating func run() {
        let fd = self.fd
        SocketSupport.setOption(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
        SocketSupport.setTimeout(fd, SO_RCVTIMEO, seconds: configuration.idleTimeout)
        SocketSupport.setTimeout(fd, SO_SNDTIMEO, seconds: max(configuration.readTimeout, 1))
        switch serve() {
        case .abrupt: break
        case .afterResponse: if hasUnreadInput() { lingerBeforeClose() }
        case .afterError: lingerBeforeClose()
        }
        registry.unregister(record)
        close(fd)
    }

    /// How the connection ends. After a response the client asked to close with, it normally
    /// sends nothing more, so lingering is only worth it when input is still pending; after a
    /// refused request the client may well still be sending (a body over the limit, say).
    private enum Ending { case abrupt, afterResponse, afterError }

    private mutating func serve() -> Ending {
        while true {
            do {
                switch try parser.next() {
                case .request(let request):
                    requestDeadline = nil
                    let response = handler.handle(request)
                    let keepAlive = writer.write(response, keepAlive: request.wantsKeepAlive && !registry.isStopping,
                                                 isHeadRequest: request.method == "HEAD")
                    guard SocketSupport.sendAll(fd, writer.bytes) else { return .abrupt }
                    if !keepAlive { return .afterResponse }
                    continue
                case .sendContinue:
                    guard SocketSupport.sendAll(fd, HTTPResponseWriter.continueResponse) else { return .abrupt }
                    continue
                case .needMoreData:
                    break
                }
            } catch {
                log(.info, "rejected request on connection \(record.id): \(error.status) \(error)")
                return answer(error)
            }

            let received: Int
            if parser.hasPartialRequest {
                let now = SocketSupport.monotonicSeconds()
                let deadline = requestDeadline ?? now + configuration.readTimeout
                requestDeadline = deadline
                switch SocketSupport.waitReadable(fd, seconds: deadline - now) {
                case .readable: received = receive()
                case .timedOut: return answer(.timedOut)
                case .failed: return .abrupt
                }
            } else {
                guard registry.enterIdle(record) else { return .abrupt }
                received = receive()
                registry.leaveIdle(record)
            }
            if received > 0 {
                let count = received
                readBuffer.withUnsafeBytes { parser.append(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            } else if received < 0 && errno == EINTR {
                continue
            } else if received < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && parser.hasPartialRequest {
                return answer(.timedOut)
            } else {
                return .abrupt  // peer closed, idle timeout (EAGAIN from SO_RCVTIMEO), or a reset
            }
        }
    }

    private mutating func receive() -> Int {
        let fd = self.fd
        return readBuffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
    }

    private mutating func answer(_ error: HTTPParseError) -> Ending {
        writer.writeError(error)
        return SocketSupport.sendAll(fd, writer.bytes) ? .afterError : .abrupt
    }

    /// Bytes the client sent that no request consumed: parsed-but-unserved pipelined input, or
    /// input still in the kernel (one non-blocking `recv` peeks for it).
    private mutating func hasUnreadInput() -> Bool {
        if parser.hasPartialRequest { return true }
        let fd = self.fd
        let count = readBuffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 1, Int32(MSG_DONTWAIT | MSG_PEEK)) }
        return count > 0
    }

    /// Closing a socket with unread input makes the kernel send a reset, which can destroy the
    /// response the client has not read yet (RFC 9112 §9.6). So: send FIN, then read and discard
    /// until the client closes too, for at most a second.
    private mutating func lingerBeforeClose() {
        _ = shutdown(fd, Int32(SHUT_WR))
        let deadline = SocketSupport.monotonicSeconds() + min(1, max(configuration.readTimeout, 0.05))
        while case .readable = SocketSupport.waitReadable(fd, seconds: deadline - SocketSupport.monotonicSeconds()) {
            let count = receive()
            if count == 0 || (count < 0 && errno != EINTR) { return }
        }
    }
}
