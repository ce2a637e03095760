import BulwarkCore
import Foundation

/// Decodes a PEM certificate into the fields policies inspect (subject, issuer,
/// validity, serial, SANs, basic constraints), shaped like the JSON of Go's
/// `x509.Certificate` that Kyverno's `x509_decode` returns.
///
/// A minimal DER reader: it walks only the structures named here and rejects anything
/// malformed with an error instead of trusting lengths.
enum X509Decoder {
    struct DERError: Error, CustomStringConvertible { var description: String }

    struct Node {
        var tag: UInt8
        var content: ArraySlice<UInt8>
        var children: [Node] {
            get throws { try X509Decoder.parseAll(content) }
        }
    }

    static func decode(_ pem: String) throws -> Value {
        let lines = pem.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let begin = lines.firstIndex(where: { $0.hasPrefix("-----BEGIN ") }),
              let end = lines.lastIndex(where: { $0.hasPrefix("-----END ") }), begin < end else {
            throw DERError(description: "no PEM block found")
        }
        let kind = lines[begin].replacingOccurrences(of: "-----BEGIN ", with: "").replacingOccurrences(of: "-----", with: "")
        guard let der = Data(base64Encoded: lines[(begin + 1)..<end].joined()) else {
            throw DERError(description: "invalid base64 in PEM block")
        }
        let root = try parseAll(ArraySlice(der))
        guard let top = root.first, top.tag == 0x30 else { throw DERError(description: "not a DER sequence") }
        guard kind.contains("CERTIFICATE") && !kind.contains("REQUEST") else {
            throw DERError(description: "unsupported PEM type \(kind)")
        }
        return try certificate(top)
    }

    static func parseAll(_ bytes: ArraySlice<UInt8>) throws -> [Node] {
        var out: [Node] = []
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let tag = bytes[i]
            i += 1
            guard i < bytes.endIndex else { throw DERError(description: "truncated DER") }
            var len = Int(bytes[i])
            i += 1
            if len & 0x80 != 0 {
                let n = len & 0x7F
                guard n > 0, n <= 4, i + n <= bytes.endIndex else { throw DERError(description: "bad DER length") }
                len = 0
                for _ in 0..<n { len = len << 8 | Int(bytes[i]); i += 1 }
            }
            guard len >= 0, i + len <= bytes.endIndex else { throw DERError(description: "DER length exceeds input") }
            out.append(Node(tag: tag, content: bytes[i..<(i + len)]))
            i += len
        }
        return out
    }

    static func certificate(_ cert: Node) throws -> Value {
        let parts = try cert.children
        guard parts.count >= 3 else { throw DERError(description: "certificate needs tbs, algorithm and signature") }
        var tbs = try parts[0].children
        var version = 1
        if let first = tbs.first, first.tag == 0xA0 {
            if let v = try first.children.first { version = Int(integer(v.content)) + 1 }
            tbs.removeFirst()
        }
        guard tbs.count >= 6 else { throw DERError(description: "truncated TBSCertificate") }
        var o = Object()
        o["Version"] = .int(version)
        o["SerialNumber"] = .string(bigInteger(tbs[0].content))
        o["Issuer"] = try name(tbs[2])
        let validity = try tbs[3].children
        if validity.count == 2 {
            o["NotBefore"] = .string(time(validity[0]))
            o["NotAfter"] = .string(time(validity[1]))
        }
        o["Subject"] = try name(tbs[4])
        var dns: [Value] = [], ips: [Value] = [], emails: [Value] = [], uris: [Value] = []
        var isCA = false
        for node in tbs.dropFirst(6) where node.tag == 0xA3 {
            for extensions in try node.children {
                for ext in try extensions.children {
                    let fields = try ext.children
                    guard let oidNode = fields.first, let valueNode = fields.last else { continue }
                    let oid = objectIdentifier(oidNode.content)
                    let inner = try parseAll(valueNode.content)
                    if oid == "2.5.29.17", let seq = inner.first {
                        for gn in try seq.children {
                            let text = String(decoding: gn.content, as: UTF8.self)
                            switch gn.tag {
                            case 0x82: dns.append(.string(text))
                            case 0x81: emails.append(.string(text))
                            case 0x86: uris.append(.string(text))
                            case 0x87: ips.append(.string(gn.content.map(String.init).joined(separator: ".")))
                            default: break
                            }
                        }
                    } else if oid == "2.5.29.19", let seq = inner.first {
                        if let b = try seq.children.first, b.tag == 0x01 { isCA = b.content.first.map { $0 != 0 } ?? false }
                    }
                }
            }
        }
        o["DNSNames"] = dns.isEmpty ? .null : .array(dns)
        o["EmailAddresses"] = emails.isEmpty ? .null : .array(emails)
        o["IPAddresses"] = ips.isEmpty ? .null : .array(ips)
        o["URIs"] = uris.isEmpty ? .null : .array(uris)
        o["IsCA"] = .bool(isCA)
        o["BasicConstraintsValid"] = .bool(isCA)
        return .object(o)
    }

    static let attributeNames: [String: String] = [
        "2.5.4.3": "CommonName", "2.5.4.6": "Country", "2.5.4.7": "Locality", "2.5.4.8": "Province",
        "2.5.4.10": "Organization", "2.5.4.11": "OrganizationalUnit", "2.5.4.5": "SerialNumber",
        "2.5.4.9": "StreetAddress", "2.5.4.17": "PostalCode",
    ]

    static func name(_ node: Node) throws -> Value {
        var o = Object()
        for key in ["Country", "Organization", "OrganizationalUnit", "Locality", "Province", "StreetAddress", "PostalCode"] { o[key] = .null }
        o["SerialNumber"] = .string("")
        o["CommonName"] = .string("")
        var names: [Value] = []
        for rdn in try node.children {
            for atv in try rdn.children {
                let f = try atv.children
                guard f.count == 2 else { continue }
                let oid = objectIdentifier(f[0].content)
                let value = String(decoding: f[1].content, as: UTF8.self)
                names.append(.object(Object([("Type", .string(oid)), ("Value", .string(value))])))
                guard let field = attributeNames[oid] else { continue }
                if field == "CommonName" || field == "SerialNumber" {
                    o[field] = .string(value)
                } else {
                    var list = o[field]?.arrayValue ?? []
                    list.append(.string(value))
                    o[field] = .array(list)
                }
            }
        }
        o["Names"] = .array(names)
        return .object(o)
    }

    static func objectIdentifier(_ bytes: ArraySlice<UInt8>) -> String {
        guard let first = bytes.first else { return "" }
        var parts = [Int(first) / 40, Int(first) % 40]
        var acc = 0
        for b in bytes.dropFirst() {
            acc = acc << 7 | Int(b & 0x7F)
            if b & 0x80 == 0 { parts.append(acc); acc = 0 }
        }
        return parts.map(String.init).joined(separator: ".")
    }

    static func integer(_ bytes: ArraySlice<UInt8>) -> Int64 {
        var v: Int64 = 0
        for b in bytes.prefix(8) { v = v << 8 | Int64(b) }
        return v
    }

    /// Decimal rendering of an arbitrary-length unsigned big-endian integer.
    static func bigInteger(_ bytes: ArraySlice<UInt8>) -> String {
        var digits: [UInt8] = [0]
        for b in bytes {
            var carry = Int(b)
            for i in digits.indices {
                let v = Int(digits[i]) * 256 + carry
                digits[i] = UInt8(v % 10)
                carry = v / 10
            }
            while carry > 0 { digits.append(UInt8(carry % 10)); carry /= 10 }
        }
        return String(digits.reversed().map { Character(String($0)) })
    }

    /// UTCTime / GeneralizedTime to RFC 3339.
    static func time(_ node: Node) -> String {
        let s = String(decoding: node.content, as: UTF8.self)
        let digits = s.filter(\.isNumber)
        var full = digits
        if node.tag == 0x17, digits.count >= 12 {
            let yy = Int(digits.prefix(2)) ?? 0
            full = (yy >= 50 ? "19" : "20") + digits
        }
        guard full.count >= 14 else { return s }
        let c = Array(full)
        return "\(String(c[0..<4]))-\(String(c[4..<6]))-\(String(c[6..<8]))T\(String(c[8..<10])):\(String(c[10..<12])):\(String(c[12..<14]))Z"
    }
}
