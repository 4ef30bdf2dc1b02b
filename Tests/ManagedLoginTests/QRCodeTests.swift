import Foundation
import Testing
@testable import ManagedLogin

/// The QR encoder read back by zbarimg (Debian zbar-tools), when it is installed, at every version
/// the set-up page can need; without zbarimg only the structure is checked.
@Suite struct QRCodeTests {
    static let zbarimg = ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test func sizesFollowTheVersion() throws {
        #expect(try #require(QRCode(bytes: Array("hello".utf8))).size == 21)
        #expect(try #require(QRCode(bytes: Array(repeating: 0x41, count: 14))).size == 21)  // version 1-M holds 14 bytes
        #expect(try #require(QRCode(bytes: Array(repeating: 0x41, count: 15))).size == 25)
        #expect(QRCode(bytes: Array(repeating: 0x41, count: 700)) == nil)
    }

    @Test func reedSolomonMatchesTheStandardsExample() {
        // ISO/IEC 18004 Annex I: "01234567" at 1-M; its 16 data codewords give these 10 EC codewords.
        let data: [UInt8] = [16, 32, 12, 86, 97, 128, 236, 17, 236, 17, 236, 17, 236, 17, 236, 17]
        #expect(ReedSolomon.remainder(data, generator: ReedSolomon.generator(degree: 10)) == [165, 36, 212, 193, 237, 54, 199, 135, 44, 85])
    }

    @Test(arguments: [1, 20, 40, 80, 120, 160, 200, 260, 330, 420, 520, 660])
    func zbarimgReadsItBack(length: Int) throws {
        guard let zbarimg = Self.zbarimg else { return }
        let alphabet = Array("otpauth://totp/Pool:alice?secret=ABCDEFGHIJKLMNOPQRSTUVWXYZ234567&issuer=x")
        let text = String((0..<length).map { alphabet[$0 % alphabet.count] })
        let code = try #require(QRCode(bytes: Array(text.utf8)))
        let scale = 4
        let side = (code.size + 8) * scale
        var pbm = "P1\n\(side) \(side)\n"
        for y in 0..<side {
            let row = (0..<side).map { x -> String in
                let (mx, my) = (x / scale - 4, y / scale - 4)
                return mx >= 0 && my >= 0 && mx < code.size && my < code.size && code.modules[my][mx] ? "1" : "0"
            }
            pbm += row.joined(separator: " ") + "\n"
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(length)-\(getpid()).pbm")
        try pbm.write(to: path, atomically: true, encoding: .ascii)
        defer { try? FileManager.default.removeItem(at: path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: zbarimg)
        process.arguments = ["--raw", "-q", path.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines) == text)
    }
}
