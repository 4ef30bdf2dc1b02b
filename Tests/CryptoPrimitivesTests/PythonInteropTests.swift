import Foundation
import Testing
@testable import CryptoPrimitives

/// Runs `python3` with Python's `cryptography` package, an independent RSA/JWS implementation
/// (on OpenSSL too, but through its own PEM, JWK-integer and PKCS#1 handling).
enum PythonCryptography {
    static let isAvailable: Bool = (try? run("import cryptography", input: Data()))?.status == 0

    /// Runs `script` with `input` on stdin; returns the exit status and stdout.
    static func run(_ script: String, input: Data) throws -> (status: Int32, output: Data, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Inputs and outputs are a few kilobytes, well under a pipe's buffer: no deadlock either way.
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output, errors)
    }
}

/// Reads {pem, token, n, e} and checks the Swift token both with the key from the PEM and with a key
/// rebuilt from the JWK members; then signs a token with that key and with a key of its own, and
/// prints them as JSON.
private let interopScript = #"""
import base64, json, sys
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

def b64d(s): return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
def b64e(b): return base64.urlsafe_b64encode(b).rstrip(b"=").decode()
def sign(key, header, payload):
    signing_input = b64e(header) + "." + b64e(payload)
    return signing_input + "." + b64e(key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256()))

request = json.load(sys.stdin)
key = serialization.load_pem_private_key(request["pem"].encode(), password=None)
numbers = key.public_key().public_numbers()
jwk_key = rsa.RSAPublicNumbers(int.from_bytes(b64d(request["e"]), "big"), int.from_bytes(b64d(request["n"]), "big")).public_key()
assert jwk_key.public_numbers() == numbers, "n/e from Swift do not match the PEM"
header, payload, signature = request["token"].split(".")
for public in (key.public_key(), jwk_key):
    public.verify(b64d(signature), (header + "." + payload).encode(), padding.PKCS1v15(), hashes.SHA256())
own = rsa.generate_private_key(public_exponent=65537, key_size=2048)
print(json.dumps({
    "payload": b64d(payload).decode(),
    "same_key_token": sign(key, b'{"alg":"RS256","kid":"python"}', b'{"from":"python"}'),
    "own_pem": own.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption()).decode(),
    "own_token": sign(own, b'{"alg":"RS256"}', b'{"from":"python","own":true}'),
}))
"""#

@Suite struct PythonInteropTests {
    private struct Reply: Decodable {
        let payload: String
        let same_key_token: String
        let own_pem: String
        let own_token: String
    }

    @Test(.enabled(if: PythonCryptography.isAvailable, "python3 with the cryptography package is not installed"))
    func swiftAndPythonAgreeOnKeysAndTokens() throws {
        let key = try RSAPrivateKey.generate()
        let payload = #"{"sub":"alice","iss":"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example"}"#
        let token = try JSONWebSignature.signRS256(
            header: Array(#"{"kid":"swift","alg":"RS256"}"#.utf8), payload: Array(payload.utf8), key: key)
        let request: [String: String] = [
            "pem": key.pemRepresentation, "token": token,
            "n": Base64URL.encode(key.publicKey.modulus), "e": Base64URL.encode(key.publicKey.exponent),
        ]
        let result = try PythonCryptography.run(interopScript, input: try JSONEncoder().encode(request))
        try #require(result.status == 0, "python3 rejected the Swift key or token: \(result.errors)")
        let reply = try JSONDecoder().decode(Reply.self, from: result.output)
        #expect(reply.payload == payload)

        // Python signed with the Swift key: same bytes as Swift signing the same input (deterministic).
        let sameKey = try #require(JSONWebSignature.verifyRS256(reply.same_key_token, key: key.publicKey))
        #expect(sameKey.payload == Array(#"{"from":"python"}"#.utf8))
        let parts = reply.same_key_token.split(separator: ".")
        let swiftSignature = try key.signRS256(Array("\(parts[0]).\(parts[1])".utf8))
        #expect(Base64URL.encode(swiftSignature) == String(parts[2]))

        // A key Python generated and wrote as PKCS#8 loads in Swift and verifies Python's token.
        let pythonKey = try RSAPrivateKey(pem: reply.own_pem)
        #expect(pythonKey.pemRepresentation == reply.own_pem)
        let own = try #require(JSONWebSignature.verifyRS256(reply.own_token, key: pythonKey.publicKey))
        #expect(own.payload == Array(#"{"from":"python","own":true}"#.utf8))
        #expect(JSONWebSignature.verifyRS256(reply.own_token, key: key.publicKey) == nil)
    }
}
