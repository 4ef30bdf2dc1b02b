import Glibc
import AWSJSONProtocol
import CognitoIdentityProvider
import FoundationEssentials
import SQLiteStore

/// `mock-cognito healthcheck` and `mock-cognito export`: the subcommands, which never start a server.
enum Subcommands {
    /// `healthcheck`: GET /_mock/health on 127.0.0.1 at the configured port (`--port`,
    /// `MOCK_COGNITO_PORT`, 9229); exit 0 on a 200 answer within `timeout` seconds, 1 otherwise.
    /// What a container HEALTHCHECK runs: the runtime image has no curl.
    static func healthcheck(port: UInt16, timeout: Int = 2) -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return report("cannot create a socket") }
        defer { close(descriptor) }
        // On Linux SO_SNDTIMEO also bounds connect(), and SO_RCVTIMEO each read.
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return report("cannot connect to 127.0.0.1:\(port): \(String(cString: strerror(errno)))") }
        let request = Array("GET /_mock/health HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == request.count else {
            return report("cannot send the request")
        }
        let deadline = Date().addingTimeInterval(Double(timeout))
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1024)
        while Date() < deadline, !answer.contains(UInt8(ascii: "\n")) {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            answer += buffer[..<count]
        }
        let statusLine = String(decoding: answer.prefix { $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        guard statusLine.hasPrefix("HTTP/1.1 200") || statusLine.hasPrefix("HTTP/1.0 200") else {
            return report(statusLine.isEmpty ? "no answer from 127.0.0.1:\(port) within \(timeout) s" : "answer: \(statusLine)")
        }
        return 0
    }

    private static func report(_ problem: String) -> Int32 {
        writeAll(2, Array("mock-cognito healthcheck: \(problem)\n".utf8))
        return 1
    }

    /// `export`: the database at `path` as a seed document on stdout. The server holds the database
    /// file exclusively while it runs: export a running server's state with `GET /_mock/export`.
    /// A database that does not exist is refused with exit status 66 (EX_NOINPUT) and nothing is
    /// created: opening it would make an empty database and export nothing, hiding a wrong path.
    static func export(databasePath: String, includeVerifiers: Bool, accountId: String) -> Int32 {
        if databasePath != ":memory:", !FileManager.default.fileExists(atPath: databasePath) {
            writeAll(2, Array("""
                mock-cognito export: no database at \(databasePath) (give the file with --db PATH or \
                MOCK_COGNITO_DB; nothing was created)

                """.utf8))
            return 66
        }
        let database: Database
        do {
            database = try Database(path: databasePath, migrations: Schema.migrations)
        } catch let error as SQLiteError where error.context.hasPrefix("lock") {
            // The server holding the file is asked instead, at the port it really listens on.
            let port = LockHolder.listeningPort(databasePath: databasePath).map(String.init) ?? "<its port>"
            writeAll(2, Array("""
                mock-cognito export: \(databasePath) is in use by a running server; \
                stop it first, or ask it: curl http://127.0.0.1:\(port)/_mock/export

                """.utf8))
            return 1
        } catch {
            writeAll(2, Array("mock-cognito export: cannot open \(databasePath): \(error)\n".utf8))
            return 1
        }
        defer { database.close() }
        let service = CognitoService(database: database, clock: ServiceClock(), accountId: accountId)
        do {
            var text = JSONSerializer.serialize(try service.exportSeed(includePasswordVerifiers: includeVerifiers))
            text.append(UInt8(ascii: "\n"))
            writeAll(1, Array(text))
            return 0
        } catch {
            writeAll(2, Array("mock-cognito export: \(error)\n".utf8))
            return 1
        }
    }
}

/// Writes all of `bytes` to descriptor `fd` (stdout 1, stderr 2), retrying short writes.
private func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
    bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }
}
