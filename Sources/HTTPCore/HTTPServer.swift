#if canImport(Glibc)
import Glibc
#endif
import FoundationEssentials
import Synchronization
import POSIXThreads

/// An HTTP/1.1 server: one accept thread, and one thread with blocking sockets per connection
/// (docs/architecture.md: one thread per connection). It knows nothing about what the requests mean.
///
/// Lifecycle: `init` → `start()` once → `shutdown(gracePeriod:)` any number of times, from any thread.
public final class HTTPServer: Sendable {
    private enum Phase { case new, running(listener: Int32), stopped }

    public let configuration: HTTPServerConfiguration
    private let handler: any HTTPHandler
    private let log: @Sendable (HTTPLogLevel, String) -> Void
    private let registry: ConnectionRegistry
    /// The listener descriptor lives here so that `shutdown` and the accept thread, which closes
    /// it, never race on a descriptor number that has been closed and reused.
    private let phase = LockedValue(Phase.new)
    private let acceptThreadRunning = Atomic<Bool>(false)

    public init(configuration: HTTPServerConfiguration, handler: any HTTPHandler,
                log: @escaping @Sendable (HTTPLogLevel, String) -> Void) {
        self.configuration = configuration
        self.handler = handler
        self.log = log
        registry = ConnectionRegistry(maxConnections: max(configuration.maxConnections, 1))
    }

    /// Connections currently open (being served or lingering before close).
    public var activeConnections: Int { registry.count }

    /// Binds, listens and starts accepting. Returns the bound port (useful when configured with 0).
    /// Throws `HTTPServerError` naming host, port and the system's reason, e.g. "Address already in use".
    public func start() throws -> UInt16 {
        // A write to a socket the peer reset must fail with EPIPE, not kill the process.
        signal(SIGPIPE, SIG_IGN)
        let (listener, port) = try phase.withLock { phase -> (Int32, UInt16) in
            guard case .new = phase else { throw HTTPServerError(description: "HTTPServer.start() called twice") }
            let bound = try SocketSupport.listen(host: configuration.host, port: configuration.port,
                                                 backlog: configuration.listenBacklog)
            phase = .running(listener: bound.fd)
            return bound
        }
        acceptThreadRunning.store(true, ordering: .sequentiallyConsistent)
        spawnThread(name: "http-accept") { [self] in
            acceptLoop(listener)
            acceptThreadRunning.store(false, ordering: .sequentiallyConsistent)
        }
        log(.debug, "listening on \(configuration.host):\(port)")
        return port
    }

    /// Stops gracefully: no new connections; requests already being handled finish and are
    /// answered with `Connection: close`; idle keep-alive connections are closed. Returns once
    /// every connection thread has finished, or after `gracePeriod` seconds, when the remaining
    /// connections are cut off. Idempotent; callable from any thread, e.g. a signal handler's.
    public func shutdown(gracePeriod: Double) {
        // Stopping first, so the accept thread, woken by the listener's shutdown, knows why.
        if registry.stop() { log(.info, "shutting down with \(registry.count) open connections") }
        phase.withLock { phase in
            switch phase {
            case .new: phase = .stopped
            case .running(let listener): _ = Glibc.shutdown(listener, Int32(SHUT_RDWR))  // wakes accept()
            case .stopped: break
            }
        }
        let deadline = SocketSupport.monotonicSeconds() + max(gracePeriod, 0)
        while !isQuiet && SocketSupport.monotonicSeconds() < deadline { usleep(2_000) }
        if !isQuiet {
            let cut = registry.abortAll()
            log(.warning, "grace period over: closing \(cut) connections")
            let hardDeadline = SocketSupport.monotonicSeconds() + 1
            while !isQuiet && SocketSupport.monotonicSeconds() < hardDeadline { usleep(2_000) }
        }
    }

    private var isQuiet: Bool {
        registry.count == 0 && !acceptThreadRunning.load(ordering: .sequentiallyConsistent)
    }

    private func acceptLoop(_ listener: Int32) {
        while true {
            let client = accept(listener, nil, nil)
            if registry.isStopping {
                if client >= 0 { close(client) }
                break
            }
            guard client >= 0 else {
                let code = errno
                if code == EINTR || code == ECONNABORTED { continue }
                // Out of descriptors or memory: back off instead of spinning; the backlog holds clients.
                log(.warning, "accept failed: \(SocketSupport.errorText(code))")
                usleep(10_000)
                continue
            }
            guard let record = registry.register(fd: client) else {
                rejectOverCapacity(client)
                continue
            }
            let started = spawnThread(name: "http-connection") { [self] in
                var connection = HTTPConnection(record: record, registry: registry, configuration: configuration,
                                                handler: handler, log: log)
                connection.run()
            }
            if !started {
                // No thread for it (the system's limit): answered like a connection over the limit.
                registry.unregister(record)
                rejectOverCapacity(client)
            }
        }
        phase.withLock { phase in
            if case .running(let fd) = phase { close(fd) }
            phase = .stopped
        }
    }

    private static let serviceUnavailable: [UInt8] = {
        var writer = HTTPResponseWriter()
        writer.write(HTTPResponse(status: 503, headers: [("Content-Type", "text/plain; charset=utf-8")],
                                  body: Array("Too many connections\n".utf8)), keepAlive: false)
        return writer.bytes
    }()

    /// Past `maxConnections`: answer 503 without ever blocking the accept thread (`MSG_DONTWAIT`;
    /// the short answer fits any socket buffer), send FIN, drop whatever input already arrived so
    /// the close is less likely to become a reset, and close.
    private func rejectOverCapacity(_ client: Int32) {
        _ = SocketSupport.sendAll(client, Self.serviceUnavailable, flags: Int32(MSG_DONTWAIT))
        _ = Glibc.shutdown(client, Int32(SHUT_WR))
        var scratch = [UInt8](repeating: 0, count: 4096)
        _ = scratch.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
        close(client)
        log(.warning, "connection limit \(registry.maxConnections) reached: answered 503")
    }

    @discardableResult
    private func spawnThread(name: String, _ body: @escaping @Sendable () -> Void) -> Bool {
        guard POSIXThread.start(stackSize: configuration.threadStackSize, body) else {
            log(.error, "cannot start a thread for \(name)")
            return false
        }
        return true
    }
}
