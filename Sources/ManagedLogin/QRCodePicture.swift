/// The set-up page's QR code as inline SVG (see `QRCode` for the encoder).
enum QRCodePicture {
    static func html(for text: String) -> HTML {
        .group([])
    }
}
