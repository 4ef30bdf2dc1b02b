/// The set-up page's QR code as inline SVG (see `QRCode` for the encoder).
enum QRCodePicture {
    static func html(for text: String) -> HTML {
        guard let code = QRCode(bytes: Array(text.utf8)) else { return .group([]) }
        return code.svg(label: "QR code of the otpauth URI")
    }
}
