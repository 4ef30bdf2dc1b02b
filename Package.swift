// swift-tools-version:6.0
import PackageDescription

// Dependencies point one way (docs/architecture.md, "The dependency rule"):
// MockCognito → HTTPCore, AWSJSONProtocol, CognitoIdentityProvider, ManagedLogin
// ManagedLogin → HTTPCore, AWSJSONProtocol, CognitoIdentityProvider, CryptoPrimitives
// CognitoIdentityProvider → AWSJSONProtocol, SQLiteStore, CryptoPrimitives, CBOR (no dependencies), POSIXThreads
// HTTPCore, SQLiteStore → POSIXThreads (threads and locks without Foundation)
// AWSJSONProtocol → CryptoPrimitives (SigV4 verification)
// Only SQLiteStore imports CSQLite; only CryptoPrimitives imports CLibCrypto.
let package = Package(
    name: "mock-cognito",
    products: [
        .executable(name: "mock-cognito", targets: ["MockCognito"]),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(name: "POSIXThreads"),
        .target(name: "HTTPCore", dependencies: ["POSIXThreads"]),
        .target(name: "AWSJSONProtocol", dependencies: ["CryptoPrimitives"], linkerSettings: [.linkedLibrary("m")]),
        .target(name: "SQLiteStore", dependencies: ["CSQLite", "POSIXThreads"]),
        .target(name: "CryptoPrimitives", dependencies: ["CLibCrypto"]),
        .target(name: "CBOR"),
        .target(
            name: "CognitoIdentityProvider",
            dependencies: ["AWSJSONProtocol", "SQLiteStore", "CryptoPrimitives", "CBOR", "POSIXThreads"]
        ),
        // The web layer of the pools' domains: OAuth 2.0 endpoints and managed login pages.
        .target(
            name: "ManagedLogin",
            dependencies: ["HTTPCore", "AWSJSONProtocol", "CognitoIdentityProvider", "CryptoPrimitives"]
        ),
        .executableTarget(
            name: "MockCognito",
            dependencies: ["HTTPCore", "AWSJSONProtocol", "CognitoIdentityProvider", "ManagedLogin"]
        ),
        // Fuzzing (fuzz/run.sh builds these with --sanitize=fuzzer; a plain build makes corpus replayers).
        .target(name: "FuzzChecks", dependencies: ["HTTPCore", "AWSJSONProtocol", "CBOR"]),
        .executableTarget(name: "FuzzHTTPParser", dependencies: ["FuzzChecks"]),
        .executableTarget(name: "FuzzJSONInput", dependencies: ["FuzzChecks"]),
        .executableTarget(name: "FuzzCBOR", dependencies: ["FuzzChecks"]),
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzChecks"]),
        .testTarget(name: "HTTPCoreTests", dependencies: ["HTTPCore"]),
        .testTarget(name: "ManagedLoginTests", dependencies: ["ManagedLogin"]),
        .testTarget(name: "AWSJSONProtocolTests", dependencies: ["AWSJSONProtocol"]),
        .testTarget(name: "SQLiteStoreTests", dependencies: ["SQLiteStore"]),
        .testTarget(name: "CryptoPrimitivesTests", dependencies: ["CryptoPrimitives", "POSIXThreads"]),
        .testTarget(name: "CBORTests", dependencies: ["CBOR"]),
        .testTarget(
            name: "CognitoIdentityProviderTests",
            dependencies: ["CognitoIdentityProvider", "AWSJSONProtocol", "SQLiteStore"]
        ),
    ]
)
