import AWSJSONProtocol
import CognitoIdentityProvider
import Foundation
import HTTPCore
import SQLiteStore

// Block SIGINT and SIGTERM before any thread starts, so every thread inherits the mask and the
// main thread alone receives them through sigwait: shutdown then runs as ordinary code.
var shutdownSignals = sigset_t()
sigemptyset(&shutdownSignals)
sigaddset(&shutdownSignals, SIGINT)
sigaddset(&shutdownSignals, SIGTERM)
pthread_sigmask(SIG_BLOCK, &shutdownSignals, nil)

func fail(_ message: String, status: Int32 = 1) -> Never {
    var text = Array((message.hasSuffix("\n") ? message : message + "\n").utf8)
    _ = text.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    exit(status)
}

let configuration: Configuration
switch Configuration.parse(arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment) {
case .run(let parsed):
    configuration = parsed
case .exit(let message, let status):
    if status == 0 { print(message) } else { fail(message, status: status) }
    exit(0)
}

let logger = Logger(minimumLevel: configuration.logLevel)

if configuration.databasePath != ":memory:" {
    let directory = (configuration.databasePath as NSString).deletingLastPathComponent
    if !directory.isEmpty {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }
}
let database: Database
do {
    database = try Database(path: configuration.databasePath, migrations: Schema.migrations)
} catch let error as SQLiteError {
    fail("mock-cognito: cannot open the database: \(error.message) (\(configuration.databasePath))")
} catch {
    fail("mock-cognito: cannot open the database \(configuration.databasePath): \(error)")
}

let cognito = CognitoService(
    database: database, clock: ServiceClock(), accountId: configuration.accountId,
    messageLog: { logger.log(.info, $0) })
let verifier = configuration.verifySignatures
    ? SigV4Verifier(accessKeyId: configuration.accessKeyId ?? "", secretAccessKey: configuration.secretAccessKey ?? "")
    : nil
var router = RequestRouter(
    service: AWSJSONService(targetPrefix: CognitoService.targetPrefix, operations: cognito.operations,
                            signatureVerifier: verifier),
    cognito: cognito,
    defaultRegion: configuration.region,
    logger: logger)
router.verifiesSignatures = verifier != nil
var serverConfiguration = HTTPServerConfiguration()
serverConfiguration.host = configuration.host
serverConfiguration.port = configuration.port
serverConfiguration.maxConnections = configuration.maxConnections
serverConfiguration.readTimeout = configuration.readTimeout
serverConfiguration.idleTimeout = configuration.idleTimeout
let server = HTTPServer(configuration: serverConfiguration, handler: router) { level, message in
    switch level {
    case .debug: logger.log(.debug, message)
    case .info: logger.log(.info, message)
    case .warning: logger.log(.warning, message)
    case .error: logger.log(.error, message)
    }
}

let port: UInt16
do {
    port = try server.start()
} catch {
    database.close()
    fail("mock-cognito: cannot listen on \(configuration.host):\(configuration.port): \(error)")
}
let shownHost = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
logger.announce("mock-cognito \(Configuration.version) listening on http://\(shownHost):\(port) (database: \(configuration.databasePath))")

var received: Int32 = 0
sigwait(&shutdownSignals, &received)
logger.announce("received signal \(received): finishing requests in flight, then stopping")
server.shutdown(gracePeriod: 10)
database.close()
logger.announce("stopped")
// _exit, not exit: exit's atexit handlers tear down libcrypto while a connection thread cut off by
// the grace period may still be inside it, which crashes. Everything that matters is committed and
// closed by now, and the log is written unbuffered.
_exit(0)
