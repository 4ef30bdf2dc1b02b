import CryptoPrimitives
import Testing
@testable import CognitoIdentityProvider

/// Authenticator data, COSE keys and origins as the relying party reads them (WebAuthn Level 2
/// sections 6.1, 5.8.1, 13.4.9); hostile shapes are refused, never trapped on.
@Suite struct WebAuthnFormatsTests {
    static let rpHash = Digest.sha256(Array("example.com".utf8))

    @Test func assertionDataWithoutCredential() throws {
        let data = try #require(AuthenticatorData(Self.rpHash + [0x05, 0, 0, 1, 0]))
        #expect(data.rpIdHash == Self.rpHash && data.userVerified && data.signCount == 256 && data.credentialId == nil)
    }

    @Test func attestedCredentialData() throws {
        // {1: 2, 3: -7, -1: 1} is not a usable key, but it is one CBOR item: parsing keeps its bytes.
        let key: [UInt8] = [0xa3, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01]
        let bytes = Self.rpHash + [0x41, 0, 0, 0, 0] + [UInt8](repeating: 0, count: 16) + [0, 2, 0xAA, 0xBB] + key
        let data = try #require(AuthenticatorData(bytes))
        #expect(data.credentialId == [0xAA, 0xBB] && data.publicKey == key)
        #expect(COSEKey.algorithm(key) == nil)  // no coordinates
        #expect(AuthenticatorData(bytes + [0]) == nil)  // trailing byte without the extension flag
    }

    @Test func hostileAuthenticatorData() {
        #expect(AuthenticatorData([]) == nil)
        #expect(AuthenticatorData(Self.rpHash + [0x41, 0, 0, 0, 0]) == nil)  // AT flag, no data
        let longId = Self.rpHash + [0x41, 0, 0, 0, 0] + [UInt8](repeating: 0, count: 16) + [0xFF, 0xFF]
        #expect(AuthenticatorData(longId) == nil)
        #expect(AuthenticatorData(Self.rpHash + [0x81, 0, 0, 0, 0, 0x9f]) == nil)  // extensions not a map
    }

    @Test func origins() {
        #expect(ClientData.originAllowed("https://example.com", rpId: "example.com"))
        #expect(ClientData.originAllowed("https://login.example.com:8443", rpId: "example.com"))
        #expect(ClientData.originAllowed("http://localhost:3000", rpId: "localhost"))
        #expect(!ClientData.originAllowed("http://example.com", rpId: "example.com"))
        #expect(!ClientData.originAllowed("https://badexample.com", rpId: "example.com"))
        #expect(!ClientData.originAllowed("https://example.com@evil.net", rpId: "example.com"))
        #expect(!ClientData.originAllowed("android:apk-key-hash:abc", rpId: "example.com"))
    }
}
