/// A small QR code encoder (ISO/IEC 18004): byte mode, error correction level M, versions 1–20
/// (up to 666 bytes, far more than an `otpauth://` URI needs), with the mask chosen by the
/// standard's penalty rules. Enough for the TOTP set-up page; `QRCodeTests` reads its output back
/// with zbarimg.
struct QRCode {
    let size: Int
    /// `modules[y][x]`: true is dark.
    private(set) var modules: [[Bool]]
    private var isFunction: [[Bool]]

    /// Level M per version 1–20: EC codewords per block, blocks of group 1 and their data
    /// codewords, blocks of group 2 (each holding one more data codeword) [ISO/IEC 18004 Table 9].
    private static let levelM: [(ec: Int, blocks1: Int, data1: Int, blocks2: Int)] = [
        (10, 1, 16, 0), (16, 1, 28, 0), (26, 1, 44, 0), (18, 2, 32, 0), (24, 2, 43, 0),
        (16, 4, 27, 0), (18, 4, 31, 0), (22, 2, 38, 2), (22, 3, 36, 2), (26, 4, 43, 1),
        (30, 1, 50, 4), (22, 6, 36, 2), (22, 8, 37, 1), (24, 4, 40, 5), (24, 5, 41, 5),
        (28, 7, 45, 3), (28, 10, 46, 1), (26, 9, 43, 4), (26, 3, 44, 11), (26, 3, 41, 13),
    ]

    /// Alignment pattern centres per version [ISO/IEC 18004 Annex E].
    private static let alignment: [[Int]] = [
        [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50],
        [6, 30, 54], [6, 32, 58], [6, 34, 62], [6, 26, 46, 66], [6, 26, 48, 70], [6, 26, 50, 74], [6, 30, 54, 78],
        [6, 30, 56, 82], [6, 30, 58, 86], [6, 34, 62, 90],
    ]

    /// nil when `bytes` do not fit version 20.
    init?(bytes: [UInt8]) {
        guard let version = (1...20).first(where: { Self.capacity($0) >= bytes.count }) else { return nil }
        size = version * 4 + 17
        modules = Array(repeating: Array(repeating: false, count: size), count: size)
        isFunction = modules
        drawFunctionPatterns(version)
        let codewords = Self.interleave(Self.dataCodewords(bytes, version: version), version: version)
        drawCodewords(codewords)
        var best: (penalty: Int, mask: Int, modules: [[Bool]]) = (Int.max, 0, modules)
        let unmasked = modules
        for mask in 0..<8 {
            modules = unmasked
            applyMask(mask)
            drawFormat(mask)
            let penalty = self.penalty()
            if penalty < best.penalty { best = (penalty, mask, modules) }
        }
        modules = best.modules
    }

    static func capacity(_ version: Int) -> Int {
        let v = levelM[version - 1]
        let dataCodewords = v.blocks1 * v.data1 + v.blocks2 * (v.data1 + 1)
        return dataCodewords - (version < 10 ? 2 : 3)  // mode (4 bits) + count (8 or 16 bits), rounded up
    }

    // MARK: Data

    private static func dataCodewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        let v = levelM[version - 1]
        let total = v.blocks1 * v.data1 + v.blocks2 * (v.data1 + 1)
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) { for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) } }
        append(0b0100, 4)  // byte mode
        append(bytes.count, version < 10 ? 8 : 16)
        for byte in bytes { append(Int(byte), 8) }
        append(0, min(4, total * 8 - bits.count))  // terminator
        while bits.count % 8 != 0 { bits.append(false) }
        var out = stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
        }
        var pad: UInt8 = 0xEC
        while out.count < total {
            out.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return out
    }

    /// Splits the data into blocks, adds each block's Reed–Solomon codewords, and interleaves.
    private static func interleave(_ data: [UInt8], version: Int) -> [UInt8] {
        let v = levelM[version - 1]
        var blocks: [[UInt8]] = []
        var offset = 0
        for index in 0..<(v.blocks1 + v.blocks2) {
            let length = v.data1 + (index < v.blocks1 ? 0 : 1)
            blocks.append(Array(data[offset..<offset + length]))
            offset += length
        }
        let generator = ReedSolomon.generator(degree: v.ec)
        let ecBlocks = blocks.map { ReedSolomon.remainder($0, generator: generator) }
        var out: [UInt8] = []
        for i in 0...v.data1 { for block in blocks where i < block.count { out.append(block[i]) } }
        for i in 0..<v.ec { for block in ecBlocks { out.append(block[i]) } }
        return out
    }

    // MARK: Drawing

    private mutating func set(_ x: Int, _ y: Int, _ dark: Bool) {
        modules[y][x] = dark
        isFunction[y][x] = true
    }

    private mutating func drawFunctionPatterns(_ version: Int) {
        for i in 0..<size {
            set(6, i, i % 2 == 0)
            set(i, 6, i % 2 == 0)
        }
        for (cx, cy) in [(3, 3), (size - 4, 3), (3, size - 4)] {
            for dy in -4...4 {
                for dx in -4...4 {
                    let x = cx + dx, y = cy + dy
                    guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                    let distance = max(abs(dx), abs(dy))
                    set(x, y, distance != 2 && distance != 4)
                }
            }
        }
        let centres = Self.alignment[version - 1]
        for cy in centres {
            for cx in centres {
                let nearFinder = (cx == 6 && cy == 6) || (cx == 6 && cy == centres.last) || (cx == centres.last && cy == 6)
                if nearFinder { continue }
                for dy in -2...2 { for dx in -2...2 { set(cx + dx, cy + dy, max(abs(dx), abs(dy)) != 1) } }
            }
        }
        drawFormat(0)  // reserves the format areas; drawn again for the chosen mask
        if version >= 7 {
            var remainder = version
            for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
            let bits = version << 12 | remainder
            for i in 0..<18 {
                let dark = (bits >> i) & 1 == 1
                let a = size - 11 + i % 3, b = i / 3
                set(a, b, dark)
                set(b, a, dark)
            }
        }
    }

    /// Level M (format bits 00) and `mask`, BCH-protected and XORed with 0x5412.
    private mutating func drawFormat(_ mask: Int) {
        let data = 0 << 3 | mask
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        let bits = (data << 10 | remainder) ^ 0x5412
        func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
        for i in 0...5 { set(8, i, bit(i)) }
        set(8, 7, bit(6))
        set(8, 8, bit(7))
        set(7, 8, bit(8))
        for i in 9..<15 { set(14 - i, 8, bit(i)) }
        for i in 0..<8 { set(size - 1 - i, 8, bit(i)) }
        for i in 8..<15 { set(8, size - 15 + i, bit(i)) }
        set(8, size - 8, true)  // the dark module
    }

    private mutating func drawCodewords(_ codewords: [UInt8]) {
        var index = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            for vertical in 0..<size {
                for j in 0..<2 {
                    let x = right - j
                    let upward = (right + 1) & 2 == 0
                    let y = upward ? size - 1 - vertical : vertical
                    if !isFunction[y][x] && index < codewords.count * 8 {
                        modules[y][x] = (codewords[index >> 3] >> (7 - UInt8(index & 7))) & 1 == 1
                        index += 1
                    }
                }
            }
            right -= 2
        }
    }

    private mutating func applyMask(_ mask: Int) {
        for y in 0..<size {
            for x in 0..<size where !isFunction[y][x] {
                let invert: Bool = switch mask {
                case 0: (x + y) % 2 == 0
                case 1: y % 2 == 0
                case 2: x % 3 == 0
                case 3: (x + y) % 3 == 0
                case 4: (x / 3 + y / 2) % 2 == 0
                case 5: x * y % 2 + x * y % 3 == 0
                case 6: (x * y % 2 + x * y % 3) % 2 == 0
                default: ((x + y) % 2 + x * y % 3) % 2 == 0
                }
                if invert { modules[y][x].toggle() }
            }
        }
    }
}
