import BulwarkCore
import BulwarkFormats
import BulwarkJMESPath
import Foundation

/// Kyverno's encoding and parsing functions.
enum EncodingFunctions {
    static let all: [Function] = [
        Function("base64_encode", [[.string]], returns: "string") { a in
            .string(Data((a[0].stringValue ?? "").utf8).base64EncodedString())
        },
        Function("base64_decode", [[.string]], returns: "string") { a in
            guard let d = Data(base64Encoded: a[0].stringValue ?? ""), let s = String(data: d, encoding: .utf8) else {
                throw KyvernoFunctions.fail("base64_decode", "invalid base64 input")
            }
            return .string(s)
        },
        Function("parse_json", [[.string]], returns: "any") { a in
            do { return try JSONParser.parseValue(a[0].stringValue ?? "") } catch {
                throw KyvernoFunctions.fail("parse_json", "\(error)")
            }
        },
        Function("parse_yaml", [[.string]], returns: "any") { a in
            do { return try YAMLLoader.load(a[0].stringValue ?? "", file: "<parse_yaml>").first?.value ?? .null } catch {
                throw KyvernoFunctions.fail("parse_yaml", "\(error)")
            }
        },
        Function("sha256", [[.string]], returns: "string", summary: "hex SHA-256 digest") { a in
            .string(SHA256.hex(Array((a[0].stringValue ?? "").utf8)))
        },
        Function("x509_decode", [[.string]], returns: "object", summary: "decode a PEM certificate or CSR") { a in
            do { return try X509Decoder.decode(a[0].stringValue ?? "") } catch {
                throw KyvernoFunctions.fail("x509_decode", "\(error)")
            }
        },
    ]
}
