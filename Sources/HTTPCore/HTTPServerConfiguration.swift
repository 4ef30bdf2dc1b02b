/// Everything the server needs to know before it starts. All limits are per connection.
public struct HTTPServerConfiguration: Sendable {
    /// A numeric IPv4/IPv6 address or a name resolved with `getaddrinfo` (`localhost`).
    public var host: String
    /// 0 asks the kernel for a free port; `HTTPServer.start()` returns the one it got.
    public var port: UInt16
    /// Connections served at once. One more is accepted, answered 503 and closed.
    public var maxConnections: Int
    /// Request line plus header fields (and, for chunked bodies, the trailer section), in bytes.
    /// One byte more is answered 431.
    public var maxHeadBytes: Int
    /// Decoded request body, in bytes. One byte more is answered 413.
    public var maxBodyBytes: Int
    /// Seconds a request may take to arrive completely once its first byte is in. Past it: 408 and close.
    public var readTimeout: Double
    /// Seconds a keep-alive connection may wait for its next request. Past it: close, no answer.
    public var idleTimeout: Double
    /// Stack of each connection thread. Below 256 KiB deep JSON can overflow it (docs/architecture.md, pitfall 7).
    public var threadStackSize: Int
    /// Pending connections the kernel queues before `accept`.
    public var listenBacklog: Int32

    public init(
        host: String = "127.0.0.1",
        port: UInt16 = 0,
        maxConnections: Int = 1024,
        maxHeadBytes: Int = 16 * 1024,
        maxBodyBytes: Int = 1 << 20,
        readTimeout: Double = 30,
        idleTimeout: Double = 60,
        threadStackSize: Int = 512 * 1024,
        listenBacklog: Int32 = 512
    ) {
        self.host = host
        self.port = port
        self.maxConnections = maxConnections
        self.maxHeadBytes = maxHeadBytes
        self.maxBodyBytes = maxBodyBytes
        self.readTimeout = readTimeout
        self.idleTimeout = idleTimeout
        self.threadStackSize = threadStackSize
        self.listenBacklog = listenBacklog
    }
}
