import AWSJSONProtocol
import Glibc
import FoundationEssentials

/// Every setting of the server: a command-line flag, an environment twin, a default.
/// Flags win over the environment, the environment over the default.
struct Configuration: Sendable {
    var host = "127.0.0.1"
    var port: UInt16 = 9229
    var databasePath = Configuration.defaultDatabasePath()
    var region = "us-east-1"
    var logLevel = LogLevel.info
    var accountId = "000000000000"
    var maxConnections = 1024
    /// Seconds a request may take to arrive once it has started (then 408).
    var readTimeout: Double = 30
    /// Seconds an idle keep-alive connection is kept open.
    var idleTimeout: Double = 60
    /// Check SigV4 on IAM operations (spec section 9 row 21: off by default).
    var verifySignatures = false
    var accessKeyId: String?
    var secretAccessKey: String?
    /// Seed files loaded at start, in order (`--seed` repeated, or `MOCK_COGNITO_SEED` split at `:`).
    var seedFiles: [String] = []
    /// Serve the /_mock/ test-control paths (off: only /_mock/health answers, the rest 404).
    var controlAPI = true
    /// Host names the control API accepts besides IP literals, localhost, *.localhost and the
    /// machine's own name (`--allowed-host` repeated, plus `MOCK_COGNITO_ALLOWED_HOST` split at `,`).
    var allowedHosts: [String] = []
    /// The Lambda Invoke API endpoint the pools' triggers are invoked through (nil: none).
    var lambdaEndpoint: LambdaEndpoint?

    static let version = "0.1.0"

    /// The first-argument words that run a subcommand instead of the server.
    static let subcommands = ["healthcheck", "export"]

    /// The flags, their environment twins and help text, in the order `--help` lists them.
    static let options: [(flag: String, environment: String, help: String)] = [
        ("--host", "MOCK_COGNITO_HOST", "address to listen on (default 127.0.0.1; 0.0.0.0 in containers)"),
        ("--port", "MOCK_COGNITO_PORT", "TCP port, 0 picks a free one (default 9229)"),
        ("--db", "MOCK_COGNITO_DB", "SQLite file, or :memory: (default \(defaultDatabasePath()))"),
        ("--region", "MOCK_COGNITO_REGION", "region for requests that carry no SigV4 credential scope (default us-east-1)"),
        ("--log-level", "MOCK_COGNITO_LOG_LEVEL", "debug, info, warning or error (default info; info logs every request)"),
        ("--account-id", "MOCK_COGNITO_ACCOUNT_ID", "12-digit account id used in ARNs (default 000000000000)"),
        ("--max-connections", "MOCK_COGNITO_MAX_CONNECTIONS", "concurrent connections before new ones get 503 (default 1024)"),
        ("--read-timeout", "MOCK_COGNITO_READ_TIMEOUT", "seconds a started request may take to arrive, then 408 (default 30)"),
        ("--idle-timeout", "MOCK_COGNITO_IDLE_TIMEOUT", "seconds an idle keep-alive connection stays open (default 60)"),
        ("--verify-signatures", "MOCK_COGNITO_VERIFY_SIGNATURES", "check SigV4 on IAM operations: true or false (default false; the flag alone means true)"),
        ("--access-key-id", "MOCK_COGNITO_ACCESS_KEY_ID", "the access key id signed requests must use (needed with --verify-signatures)"),
        ("--secret-access-key", "MOCK_COGNITO_SECRET_ACCESS_KEY", "its secret access key (needed with --verify-signatures)"),
        ("--lambda-endpoint", "MOCK_COGNITO_LAMBDA_ENDPOINT", "http://host:port of a Lambda Invoke API (sam local start-lambda, LocalStack, ministack) for the pools' triggers (default: none)"),
        ("--seed", "MOCK_COGNITO_SEED", "seed file to load at start; repeatable (the variable separates paths with ':')"),
        ("--control-api", "MOCK_COGNITO_CONTROL_API", "on or off: serve the /_mock/ test-control paths (default on; off leaves only /_mock/health)"),
        ("--allowed-host", "MOCK_COGNITO_ALLOWED_HOST", "a Host name the control API accepts besides IP addresses, localhost, *.localhost and this machine's name; repeatable, adds to the variable's ','-separated list"),
    ]

    /// Flags that may stand alone (meaning true) or take `=true` / `=false`.
    static let switches: Set<String> = ["--verify-signatures"]

    /// `$XDG_DATA_HOME/mock-cognito/mock-cognito.sqlite3`, or under `~/.local/share` without it.
    static func defaultDatabasePath() -> String {
        let environment = ProcessInfo.processInfo.environment
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? homeDirectory()) + "/.local/share")
        return dataHome + "/mock-cognito/mock-cognito.sqlite3"
    }

    enum Outcome {
        case run(Configuration)
        case exit(message: String, status: Int32)
    }

    /// Reads `arguments` (without the program name) over `environment`.
    /// `afterCommand`: the arguments follow a subcommand, so a leading word is not a command.
    static func parse(arguments: [String], environment: [String: String], afterCommand: Bool = false) -> Outcome {
        var values: [String: (value: String, source: String)] = [:]
        for option in options where option.flag != "--seed" && option.flag != "--allowed-host" {
            if let value = environment[option.environment] { values[option.flag] = (value, option.environment) }
        }
        // --seed is repeatable: flags, when any is given, replace the environment's list.
        var seeds = (environment["MOCK_COGNITO_SEED"] ?? "").split(separator: ":").map(String.init)
        var seedFlagSeen = false
        // --allowed-host adds to the variable's list: both are allow-lists.
        var allowedHosts = (environment["MOCK_COGNITO_ALLOWED_HOST"] ?? "").split(separator: ",")
            .map { $0.trimmingWhitespaces() }.filter { !$0.isEmpty }
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            switch argument {
            case "--help", "-h": return .exit(message: usage, status: 0)
            case "--version": return .exit(message: "mock-cognito \(version)", status: 0)
            default: break
            }
            var flag = argument
            var value: String?
            if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                flag = String(argument[..<equals])
                value = String(argument[argument.index(after: equals)...])
            }
            if !argument.hasPrefix("-") {
                // A word where an option was expected: a mistyped subcommand when it comes first.
                let commands = subcommands.joined(separator: ", ")
                return .exit(message: index == 1 && !afterCommand
                    ? "mock-cognito: unknown command '\(argument)' (the commands are \(commands); options start with --)\n\nRun 'mock-cognito --help' for the usage."
                    : "mock-cognito: unexpected argument '\(argument)' (every option is --name value or --name=value)\n\nRun 'mock-cognito --help' for the usage.",
                    status: 64)
            }
            guard options.contains(where: { $0.flag == flag }) else {
                return .exit(message: "mock-cognito: unknown option '\(argument)'\n\nRun 'mock-cognito --help' for the options.", status: 64)
            }
            if value == nil && switches.contains(flag) {
                value = "true"
            }
            if value == nil {
                guard index < arguments.count else { return .exit(message: "mock-cognito: \(flag) needs a value", status: 64) }
                value = arguments[index]
                index += 1
            }
            if flag == "--seed" {
                guard let path = value, !path.isEmpty else { return .exit(message: "mock-cognito: --seed needs a file path", status: 64) }
                if !seedFlagSeen { seeds = [] }
                seedFlagSeen = true
                seeds.append(path)
                continue
            }
            if flag == "--allowed-host" {
                guard let name = value, Self.isHostName(name) else {
                    return .exit(message: "mock-cognito: invalid value '\(value ?? "")' for --allowed-host: expected a host name such as mock-cognito", status: 64)
                }
                allowedHosts.append(name)
                continue
            }
            values[flag] = (value ?? "", flag)
        }
        var configuration = Configuration()
        configuration.seedFiles = seeds
        if let bad = allowedHosts.first(where: { !Self.isHostName($0) }) {
            return .exit(message: "mock-cognito: invalid value '\(bad)' in MOCK_COGNITO_ALLOWED_HOST: expected host names separated by ','", status: 64)
        }
        configuration.allowedHosts = allowedHosts
        for (flag, entry) in values {
            if let problem = configuration.set(flag, entry.value) {
                return .exit(message: "mock-cognito: invalid value '\(entry.value)' for \(entry.source): \(problem)", status: 64)
            }
        }
        if configuration.verifySignatures && (configuration.accessKeyId == nil || configuration.secretAccessKey == nil) {
            return .exit(message: "mock-cognito: --verify-signatures needs --access-key-id and --secret-access-key (or MOCK_COGNITO_ACCESS_KEY_ID and MOCK_COGNITO_SECRET_ACCESS_KEY)", status: 64)
        }
        return .run(configuration)
    }

    /// Applies one setting, or says what is wrong with the value.
    private mutating func set(_ flag: String, _ value: String) -> String? {
        switch flag {
        case "--host":
            guard !value.isEmpty else { return "expected a host name or address" }
            host = value
        case "--port":
            guard let port = UInt16(value) else { return "expected a port number from 0 to 65535" }
            self.port = port
        case "--db":
            guard !value.isEmpty else { return "expected a file path or :memory:" }
            databasePath = value
        case "--region":
            guard value.wholeMatch(of: /[a-z]{2}(-[a-z]+)+-[0-9]+/) != nil else {
                return "expected a region such as us-east-1"
            }
            region = value
        case "--log-level":
            guard let level = LogLevel(rawValue: value.lowercased()) else { return "expected debug, info, warning or error" }
            logLevel = level
        case "--account-id":
            guard value.count == 12, value.allSatisfy(\.isASCII), value.allSatisfy(\.isNumber) else {
                return "expected 12 digits"
            }
            accountId = value
        case "--max-connections":
            guard let count = Int(value), count >= 1, count <= 100_000 else { return "expected a number from 1 to 100000" }
            maxConnections = count
        case "--read-timeout", "--idle-timeout":
            guard let seconds = Double(value), seconds.isFinite, seconds >= 0.1, seconds <= 86_400 else {
                return "expected seconds from 0.1 to 86400"
            }
            if flag == "--read-timeout" { readTimeout = seconds } else { idleTimeout = seconds }
        case "--verify-signatures":
            switch value.lowercased() {
            case "true", "1", "yes", "on": verifySignatures = true
            case "false", "0", "no", "off": verifySignatures = false
            default: return "expected true or false"
            }
        case "--access-key-id":
            guard !value.isEmpty, !value.contains("/"), value.allSatisfy({ !$0.isWhitespace }) else {
                return "expected an access key id without '/' or spaces"
            }
            accessKeyId = value
        case "--control-api":
            switch value.lowercased() {
            case "on", "true", "1", "yes": controlAPI = true
            case "off", "false", "0", "no": controlAPI = false
            default: return "expected on or off"
            }
        case "--lambda-endpoint":
            if value.isEmpty { lambdaEndpoint = nil; return nil }
            guard let endpoint = LambdaEndpoint(value) else { return "expected http://host:port (plain HTTP)" }
            lambdaEndpoint = endpoint
        case "--secret-access-key":
            guard !value.isEmpty else { return "expected a non-empty secret" }
            secretAccessKey = value
        default:
            return "unknown option"
        }
        return nil
    }

    /// Letters, digits, `-`, `_` and dots: a DNS name as it appears in a Host header.
    static func isHostName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 253
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0) }
    }

    static var usage: String {
        var text = """
            mock-cognito \(version): a local emulator of Amazon Cognito user pools.

            Usage: mock-cognito [options]            run the server
                   mock-cognito healthcheck [--port N]  exit 0 when the server on 127.0.0.1 answers
                                                       GET /_mock/health within 2 s, 1 otherwise
                   mock-cognito export [--db PATH] [--with-password-verifiers]
                                                       write the database as a seed file to stdout

            Options (each also read from the environment variable shown):

            """
        for option in options {
            text += "  \(padded(option.flag, 20))"
            text += "\(padded(option.environment, 32))\(option.help)\n"
        }
        text += "  --help              print this help\n  --version           print the version\n"
        return text
    }
}

/// `text` cut or padded with spaces to `width` characters (the help text's columns).
private func padded(_ text: String, _ width: Int) -> String {
    text.count >= width ? String(text.prefix(width)) : text + String(repeating: " ", count: width - text.count)
}

/// The user's home directory from the password database (when HOME is unset), else "/".
private func homeDirectory() -> String {
    guard let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir else { return "/" }
    return String(cString: directory)
}
