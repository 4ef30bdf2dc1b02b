import Glibc
import AWSJSONProtocol
import CognitoIdentityProvider
import FoundationEssentials
import HTTPCore
import ManagedLogin
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
    // _exit: a background thread may be generating a signing key, and exit's atexit handlers
    // would tear libcrypto down under it (see the end of this file).
    _exit(status)
}

// Subcommands first: `healthcheck` and `export` read the same flags and variables, then exit.
var arguments = Array(CommandLine.arguments.dropFirst())
let subcommand = Configuration.subcommands.contains(arguments.first ?? "") ? arguments.removeFirst() : nil
let withVerifiers = subcommand == "export" && arguments.contains("--with-password-verifiers")
arguments.removeAll { $0 == "--with-password-verifiers" && subcommand == "export" }

let configuration: Configuration
switch Configuration.parse(arguments: arguments, environment: ProcessInfo.processInfo.environment, afterCommand: subcommand != nil) {
case .run(let parsed):
    configuration = parsed
case .exit(let message, let status):
    if status == 0 { print(message) } else { fail(message, status: status) }
    exit(0)
}

// _exit, as at the end of this file: the service's background key generation may be running, and
// exit's atexit handlers would tear libcrypto down under it. Output is written unbuffered.
switch subcommand {
case "healthcheck": _exit(Subcommands.healthcheck(port: configuration.port))
case "export":
    _exit(Subcommands.export(databasePath: configuration.databasePath, includeVerifiers: withVerifiers, accountId: configuration.accountId))
default: break
}

let logger = Logger(minimumLevel: configuration.logLevel)

// Seed files are read before the database is opened, so a malformed one fails fast.
var seedFiles: [SeedFile] = []
for path in configuration.seedFiles {
    do {
        seedFiles.append(try SeedFile.read(path: path))
    } catch {
        fail("mock-cognito: seed file \(error.description)", status: 65)
    }
}

// What this start creates (the database's directory, the file, its -wal and -shm) is removed again
// when the start fails (a bad seed, a port in use): a failed start leaves nothing behind.
let createdFiles = CreatedFiles(databasePath: configuration.databasePath)
let database: Database
do {
    database = try Database(path: configuration.databasePath, migrations: Schema.migrations)
} catch let error as SQLiteError {
    createdFiles.remove()
    fail("mock-cognito: cannot open the database: \(error.message) (\(configuration.databasePath))")
} catch {
    createdFiles.remove()
    fail("mock-cognito: cannot open the database \(configuration.databasePath): \(error)")
}

let lambda = configuration.lambdaEndpoint.map {
    LambdaHTTPInvoker(endpoint: $0, environment: ProcessInfo.processInfo.environment)
}
let cognito = CognitoService(
    database: database, clock: ServiceClock(), accountId: configuration.accountId,
    messageLog: { logger.log(.info, $0) }, lambda: lambda, triggerLog: { logger.log(.warning, "trigger: \($0)") })
if !seedFiles.isEmpty {
    do {
        let summary = try cognito.loadSeeds(seedFiles)
        logger.announce("seeded from \(configuration.seedFiles.joined(separator: ", ")): \(summary)")
    } catch {
        // Nothing was written: the whole load is one transaction. A database file made just now
        // for this run is removed again.
        database.close()
        createdFiles.remove()
        fail("mock-cognito: seed file \(error.description)", status: 65)
    }
}
let verifier = configuration.verifySignatures
    ? SigV4Verifier(accessKeyId: configuration.accessKeyId ?? "", secretAccessKey: configuration.secretAccessKey ?? "")
    : nil
var router = RequestRouter(
    service: AWSJSONService(targetPrefix: CognitoService.targetPrefix, operations: cognito.operations,
                            signatureVerifier: verifier,
                            onInternalError: { operation, requestId, cause in
                                logger.log(.error, "\(operation) failed, answered InternalErrorException: \(cause) \(requestId)")
                            }),
    cognito: cognito,
    defaultRegion: configuration.region,
    logger: logger,
    domains: DomainRouter(cognito: cognito))
router.verifiesSignatures = verifier != nil
router.controlAPI = configuration.controlAPI
router.controlPolicy = LocalOriginPolicy(allowedHosts: configuration.allowedHosts)
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
    createdFiles.remove()
    // The error already reads "cannot listen on <host>:<port>: <reason>".
    fail("mock-cognito: \(error) (choose another port with --port, or --port 0 for a free one)")
}
let shownHost = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
logger.announce("mock-cognito \(Configuration.version) listening on http://\(shownHost):\(port) (database: \(configuration.databasePath))")

var received: Int32 = 0
sigwait(&shutdownSignals, &received)
logger.announce("received signal \(received): finishing requests in flight, then stopping")
server.shutdown(gracePeriod: 10)
database.close()
logger.announce("stopped")  // also writes out the buffered request lines
// _exit, not exit: exit's atexit handlers tear down libcrypto while a connection thread cut off by
// the grace period may still be inside it, which crashes. Everything that matters is committed and
// closed by now, and the log's buffer was written out by the last announce.
_exit(0)
