import Foundation
import Testing
@testable import CryptoPrimitives

/// Known answers for the SRP-6a server of spec section 10. Every expected value below was computed
/// by `tools/srp_known_answers.py` with plain Python `int`, `hashlib` and `hmac` (the 3072-bit prime
/// derived there from RFC 3526's formula with pi by Machin's series, and the client's side of the
/// exchange computed too, which must give the same S), then pasted here. Inputs: pool
/// `us-east-1_Kn0wnAnsw`, user `alice`, password `Corr3ct-Horse!`, the salt, a and b below,
/// secret block `secretBlock`, timestamp `Sun Nov 29 12:03:01 UTC 2026`.
@Suite struct SRPServerTests {
    static let poolName = "Kn0wnAnsw"
    static let salt = bytes("5a0c9e8d7f6b4a3928171605f4e3d2c1")
    static let timestamp = "Sun Nov 29 12:03:01 UTC 2026"
    static let secretBlock = bytes("6d6f636b2d636f676e69746f206b6e6f776e2d616e737765722073656372657420626c6f636b200001feff")
    static let k = "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6"
    static let x = "ccef675e7c410489f35f21c58422fedae599556842e01b2d2fcf68de368cb98f"
    static let v = """
        ae4ead620714564852c1804f243f9e4c897325c55503390f75ec40f672f563444165ae21e419e499ffa20b642d72e200\
        7fc95e29b6db33f4bca039af9e16bd4ed8410f5f1906602b63c52abb5395800f78ef476f23bb6aa7ad82fc675b341e9e\
        35a24fcbfed6da32dfb83078b0faa4bfc3deb00ceebba0642dcaf15114338d0e017e6c36de70834510a2ccce585f3bdc\
        9fe5e8797d422545a6eda6739da2d525d7086ae6103ca8cd2944f0e7a6603c14553e7e36319ab8b926fbc5e7705a1d97\
        7eb5d7c43783b38fc3dba8e8752d882fcba642f0b1e8b592b40d2a430e278939b58d121aa66017885fcd7a4d9c7dda87\
        71bd711803ff8601d8634d4926f0db92023c067835c62c99e00f7f86a86e7ee6fc19d24f9e25b604ec3527dd56c263a8\
        9e4639c79a5ad35cab73b317bc8c7272aea88c514b02b21e1fc4a1aa3aeb6b1fa26ab12a8a820b552d6ac19769c7dc12\
        dda1ecce2e0741bdfcc13a20b1c37336a2229b3874e1237ea3f32b31ecadb7cfe0d2d6759acda4b392a1953c32bf4fb4
        """
    static let b = """
        1d8eeeb8c9d2572c7ac8ff86f7a3d86415ea6d4cc9f7b61c6b740ff47f98392a4c69e827645c254a0cf040956af9d2a0\
        55c9dff65318111d8066802e269745d6
        """
    static let B = """
        671553dcaf582d87b2195312a64ee7b1d022b0896a1f2e3c291fcd7b17c68489ca89ad595f649967899dea09a1f0a916\
        adb9ff4b4de3ca373121fb16aba0b0ca5a47bd002997e24a2472059eceafab736ea318e5d87862b792d46a9eda226418\
        669c0a13d9d0933031d1259aba92155ddd0b15b46332d3d10a90c0223c00f2980f4879a3acf1adb19b8706c227d05e7e\
        d26ec83f68392d277170feb77585eab4c3cbb41d128f19f9255659c26aa301e962f14a0516371fe33f151d84a7773c7a\
        26628207ccd56a88309e1f1042c41f416f84b5ba6ddb8abc460fdc0b098bd9b08f5e9768cb704a39114923ca95d2a08c\
        cae579704665065cb1c2d1ac379d818a53f93c31b13131a14c2b6011b0882f99c272f336ffe71a2b7f179ed80c62987a\
        9152e97ea5920f2d2bbf56a5e618c201661001ad7afe4cfb1975c1f9cc7ef1db2c1d1103f322ee5853798e0e2d4a9035\
        16faa87daa626830d2a3eb5c38279c0763889b3bee544b0c60f859f0cae26ce07ce469b0344b8a1f8149a51e0088c197
        """
    static let A = """
        44fb609768f243ef6bc329b3c050ae4039ec4deaa5084f2f4932d142a6e64d124d5bfb65e088fe78aba59a8bf046a057\
        bb9ba427ef8eaccea72490bc4bda482345e1427df22a6a98e3ff0c879218c4ad76da125138f188b322f6ff182e495499\
        1e52567871b93bb3939ea1603b0a841d77c3f6ff72cab23bd108c56caf1d31c81173af07928a234e1c34b6d48ccff7ed\
        a5b2a2131368cd8bc99f7b6ed0d57aefe1449a68990e74a16c7d889dfb18dd3fcf1c10c0c625a5253bafc3542571775a\
        bad9750eed97370095dd3a4838985d0bfd974e61186d249b111eb599691d6df04e3b5230a009b2655cb5ed63e166ee7d\
        c3f8f32cd8f5cb7e636a18723111ceb6f9667ee42680979dba20897d84cf8d9411409bfc0862954efb25056294989ad1\
        41f10e873b5f75fd77e21ecd19de1056863c77961e53a1417c2346e64784abd523bc9a09d194c5a6ddf64d627fede2e5\
        c0eb86b4a852ac672667c27b74225c20bb2fdf7a827830ce5ed1a1390cc4a57ab5dcb2ed5e6e983a71472ca3af75c83a
        """
    static let u = "9d873438def7b2244a2649391001157012d0a904c9de4e8a6297d37657c603d1"
    static let S = """
        ce1b09a8c00fa88a8f89f588b196eb0f7d6e993f985a97606e3c018b163946c8f57186cf2fb6410863461415997d6e32\
        a45b365e66b95fdbd43850f8fcdfa118b05f5d646f7973a04ade230ba60e04c433dac8a60b30114d9133106cda066bdf\
        84dbb974123382691686f4d69c72cc385acb2dd85dbc56505c7e1e9ab41d48a4e4d2de8d851be30a72d383ac0ae856db\
        0a0d7c234b3c91ff1d6f2e5beccfb058b8ecfadf04b5eefab479488d5162609685609c36b72c09f52017ff8a1dca8248\
        dd6b697c0887df1da5c9f6c399cd3780908efa4372e398690b2ef3d90f9ef71a8dd7e35709e13f2605d19a11ef884f2b\
        c6717419ad2b0724ed81213b280f03f6c503e7c3182bafa495ba37ada4e71fa3cfc7e9e64bb377f1cde208a261143011\
        8e1edca19d31a15b8e3834cefd35c194030ba55759a6a75391908f235536e5e7fe83b14f840b52ec15a44fc3b0b8ae7a\
        d8dc9e1cecb2014fddcb564e81fef773a74e0365eddcbaeb9c6480f8b4c15ca3d2a1421cc8adc46321ceb70f885b6fdb
        """
    static let K = "b2b79240361b4f9c4c8bf96c2ad4068e"
    static let signature = "SOCwT4yn7tiDIz+zGZdgwila+1n5433h6o/emMPXV7w="

    @Test func multiplierIsTheHashOfPaddedNAndG() {
        #expect(hex(SRPServer.multiplier) == Self.k)
    }

    @Test func verifierMatchesTheStoredSecretFormula() {
        let verifier = SRPVerifier.verifier(poolName: Self.poolName, userId: "alice", password: "Corr3ct-Horse!", salt: Self.salt)
        #expect(SRPServer.hex(verifier) == Self.v)
    }

    @Test func publicValueFromAFixedPrivateValue() {
        let ephemeral = SRPServer.ephemeral(verifier: bytes(Self.v), privateValue: bytes(Self.b))
        #expect(SRPServer.hex(ephemeral.publicValue) == Self.B)
        #expect(ephemeral.privateValue == bytes(Self.b))
    }

    @Test func scramblerPremasterSecretAndSessionKey() throws {
        let a = try #require(SRPServer.clientPublicValue(hex: Self.A))
        let ephemeral = SRPServer.Ephemeral(privateValue: bytes(Self.b), publicValue: bytes(Self.B))
        let u = SRPServer.scrambler(clientPublic: a, serverPublic: ephemeral.publicValue)
        #expect(hex(u) == Self.u)
        let s = SRPServer.premasterSecret(clientPublic: a, verifier: bytes(Self.v), scrambler: u, privateValue: ephemeral.privateValue)
        #expect(SRPServer.hex(s) == Self.S)
        let key = try #require(SRPServer.sessionKey(clientPublic: a, ephemeral: ephemeral, verifier: bytes(Self.v)))
        #expect(hex(key) == Self.K)
    }

    @Test func claimSignatureAndItsCheck() throws {
        let key = bytes(Self.K)
        let signature = SRPServer.claimSignature(
            key: key, poolName: Self.poolName, userIdForSrp: "alice", secretBlock: Self.secretBlock, timestamp: Self.timestamp)
        #expect(Data(signature).base64EncodedString() == Self.signature)
        let provided = Array(try #require(Data(base64Encoded: Self.signature)))
        #expect(SRPServer.verifyClaim(
            provided, key: key, poolName: Self.poolName, userIdForSrp: "alice", secretBlock: Self.secretBlock,
            timestamp: Self.timestamp))
        // Any change to what is signed, or to the key, fails the check.
        #expect(!SRPServer.verifyClaim(
            provided, key: key, poolName: Self.poolName, userIdForSrp: "alice", secretBlock: Self.secretBlock,
            timestamp: "Sun Nov 29 12:03:02 UTC 2026"))
        #expect(!SRPServer.verifyClaim(
            provided, key: key, poolName: Self.poolName, userIdForSrp: "bob", secretBlock: Self.secretBlock,
            timestamp: Self.timestamp))
        var otherKey = key
        otherKey[0] ^= 1
        #expect(!SRPServer.verifyClaim(
            provided, key: otherKey, poolName: Self.poolName, userIdForSrp: "alice", secretBlock: Self.secretBlock,
            timestamp: Self.timestamp))
    }

    /// RFC 5869 test case 1 (the HKDF the session key uses).
    @Test func hkdfRFC5869TestCase1() {
        let okm = SRPServer.hkdfSHA256(
            key: [UInt8](repeating: 0x0b, count: 22), salt: bytes("000102030405060708090a0b0c"),
            info: bytes("f0f1f2f3f4f5f6f7f8f9"), length: 42)
        #expect(hex(okm) == "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865")
    }

    @Test func clientPublicValueIsRejectedWhenZeroModuloN() {
        let n = SRPServer.hex(SRPGroup.prime)
        #expect(SRPServer.clientPublicValue(hex: "0") == nil)
        #expect(SRPServer.clientPublicValue(hex: "000") == nil)
        #expect(SRPServer.clientPublicValue(hex: n) == nil)
        #expect(SRPServer.clientPublicValue(hex: "00" + n.uppercased()) == nil)
        // 2N still fits the length limit (one sign byte more than N).
        #expect(SRPServer.clientPublicValue(hex: twice(n)) == nil)
        #expect(SRPServer.clientPublicValue(hex: "1") == [1])
        #expect(SRPServer.clientPublicValue(hex: Self.A) != nil)
    }

    @Test func clientPublicValueMustBeHexOfBoundedLength() {
        #expect(SRPServer.clientPublicValue(hex: "") == nil)
        #expect(SRPServer.clientPublicValue(hex: "-1") == nil)
        #expect(SRPServer.clientPublicValue(hex: "0x12") == nil)
        #expect(SRPServer.clientPublicValue(hex: "12 34") == nil)
        #expect(SRPServer.clientPublicValue(hex: String(repeating: "1", count: SRPServer.longestPublicValueHex)) != nil)
        #expect(SRPServer.clientPublicValue(hex: String(repeating: "1", count: SRPServer.longestPublicValueHex + 1)) == nil)
    }

    @Test func freshEphemeralsDifferAndNeverVanish() {
        let verifier = bytes(Self.v)
        let first = SRPServer.ephemeral(verifier: verifier)
        let second = SRPServer.ephemeral(verifier: verifier)
        #expect(first.privateValue.count == SRPServer.privateValueByteCount)
        #expect(first.privateValue != second.privateValue && first.publicValue != second.publicValue)
        #expect(!first.publicValue.isEmpty && first.publicValue.count <= SRPGroup.byteCount)
    }

    @Test func hexForms() {
        #expect(SRPServer.hex([0x00, 0x0a, 0xbc]) == "abc")
        #expect(SRPServer.hex([]) == "0")
        #expect(SRPServer.bytes(hex: "abc", maxDigits: 8) == [0x0a, 0xbc])
        #expect(SRPServer.bytes(hex: "00ABC", maxDigits: 8) == [0x0a, 0xbc])
        #expect(SRPServer.bytes(hex: "0", maxDigits: 8) == [])
        #expect(SRPServer.bytes(hex: "abcg", maxDigits: 8) == nil)
    }
}

/// The hex of 2·`n` for the hex number `n` (doubling digit by digit, no big-number library).
private func twice(_ n: String) -> String {
    var carry = 0
    var digits: [Character] = []
    for character in n.reversed() {
        let value = Int(String(character), radix: 16)! * 2 + carry
        digits.append(Character(String(value % 16, radix: 16)))
        carry = value / 16
    }
    if carry > 0 { digits.append(Character(String(carry, radix: 16))) }
    return String(digits.reversed())
}

private func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
private func bytes(_ hex: String) -> [UInt8] {
    let digits = hex.count % 2 == 1 ? "0" + hex : hex
    var result: [UInt8] = []
    var index = digits.startIndex
    while index < digits.endIndex {
        let next = digits.index(index, offsetBy: 2)
        result.append(UInt8(digits[index..<next], radix: 16)!)
        index = next
    }
    return result
}
