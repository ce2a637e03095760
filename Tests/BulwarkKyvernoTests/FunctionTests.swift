import BulwarkCore
import BulwarkJMESPath
import BulwarkKyverno
import Foundation
import Testing

@Suite("Kyverno JMESPath functions")
struct FunctionTests {
    static let registry = KyvernoFunctions.registry(clock: { fixedNow })

    func eval(_ e: String, _ data: Value = .null) throws -> Value {
        try JMESPathExpression(e).search(data, functions: Self.registry)
    }

    static let cases: [(String, Value)] = [
        ("regex_match('^v[0-9]+$', 'v12')", true),
        ("regex_match('^[0-9]+$', `42`)", true),
        ("pattern_match('nginx:*', 'nginx:1.2')", true),
        ("regex_replace_all('([a-z]+)-([0-9]+)', 'ab-12 cd-34', '${2}-${1}')", "12-ab 34-cd"),
        ("regex_replace_all_literal('[0-9]', 'a1b2', '$1')", "a$1b$1"),
        ("replace('aaa', 'a', 'b', `2`)", "bba"),
        ("replace_all('a.b.c', '.', '/')", "a/b/c"),
        ("split('a,b,,c', ',')", ["a", "b", "", "c"]),
        ("to_upper('abc')", "ABC"),
        ("to_lower('ABC')", "abc"),
        ("trim('  xx  ', ' ')", "xx"),
        ("trim_prefix('v1.2', 'v')", "1.2"),
        ("truncate('kubernetes', `4`)", "kube"),
        ("compare('a', 'b')", -1),
        ("equal_fold('Go', 'GO')", true),
        ("label_match(`{\"app\":\"web\"}`, `{\"app\":\"web\",\"tier\":\"x\"}`)", true),
        ("label_match(`{\"app\":\"db\"}`, `{\"app\":\"web\"}`)", false),
        ("to_boolean('TRUE')", true),
        ("add(`1`, `2`)", 3),
        ("add('1Gi', '512Mi')", "1536Mi"),
        ("add('1h', '30s')", "1h0m30s"),
        ("add('1h30m', '1h')", "2h30m0s"),
        ("subtract('1', '500m')", "500m"),
        ("multiply('250m', `4`)", "1"),
        ("divide('1Gi', '512Mi')", 2),
        ("divide(`10`, `4`)", 2.5),
        ("modulo(`10`, `3`)", 1),
        ("round(`3.14159`, `2`)", 3.14),
        ("sum(`[\"100m\", \"900m\"]`)", "1"),
        ("sum(`[1, 2, 3]`)", 6),
        ("base64_encode('hello')", "aGVsbG8="),
        ("base64_decode('aGVsbG8=')", "hello"),
        ("parse_json('{\"a\": [1]}').a[0]", 1),
        ("parse_yaml('a: {b: yes}').a.b", true),
        ("lookup(`{\"a\": 1}`, 'a')", 1),
        ("lookup(`[5, 6]`, `1`)", 6),
        ("items(`{\"b\": 2, \"a\": 1}`, 'k', 'v')", [["k": "a", "v": 1], ["k": "b", "v": 2]]),
        ("object_from_lists(`[\"a\", \"b\"]`, `[1]`)", ["a": 1, "b": nil]),
        ("semver_compare('1.2.3', '>1.0.0 <2.0.0')", true),
        ("semver_compare('2.1.0', '1.x || >=2.1.0')", true),
        ("semver_compare('0.9.0', '>=1.0.0')", false),
        ("path_canonicalize('/a/./b/../c//d')", "/a/c/d"),
        ("is_external_url('https://example.com/x')", true),
        ("is_external_url('http://127.0.0.1:8080')", false),
        ("is_external_url('http://10.1.2.3')", false),
        ("image_normalize('nginx')", "docker.io/library/nginx:latest"),
        ("image_normalize('ghcr.io/org/app:1.0')", "ghcr.io/org/app:1.0"),
        ("image_normalize('localhost:5000/app@sha256:abc')", "localhost:5000/app@sha256:abc"),
        ("sha256('abc')", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("time_now_utc()", "2026-01-01T00:00:00Z"),
        ("time_since('', '2025-12-31T23:00:00Z', '')", "1h0m0s"),
        ("time_add('2026-01-01T00:00:00Z', '90m')", "2026-01-01T01:30:00Z"),
        ("time_parse('2006-01-02', '2026-03-04')", "2026-03-04T00:00:00Z"),
        ("time_to_cron('2026-03-04T05:06:00Z')", "6 5 4 3 3"),
        ("time_diff('2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z')", "24h0m0s"),
        ("time_before('2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z')", true),
        ("time_after('2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z')", false),
        ("time_between('2026-01-01T12:00:00Z', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z')", true),
        ("time_truncate('2026-01-01T05:47:12Z', '1h')", "2026-01-01T05:00:00Z"),
        ("time_utc('2026-01-01T02:00:00+02:00')", "2026-01-01T00:00:00Z"),
    ]

    @Test("each function's result", arguments: cases)
    func results(expression: String, expected: Value) throws {
        #expect(try eval(expression) == expected, "\(expression)")
    }

    @Test("bad input to a function is a JMESPath error, never a crash", arguments: [
        "to_boolean('maybe')", "divide(`1`, `0`)", "base64_decode('%%%')", "parse_json('{')", "regex_match('(', 'x')",
        "time_add('yesterday', '1h')", "semver_compare('x', '1.0.0')", "add('1Gi', '1h')", "lookup(`{}`, `1`)",
        "x509_decode('not a pem')", "image_normalize('UPPER/Case')", "sum(`[]`)", "add('1h', '30m')",
    ])
    func errors(expression: String) {
        #expect(throws: JMESPathError.self) { try eval(expression) }
    }

    @Test("x509_decode reads subject, issuer, validity and SANs of a certificate")
    func x509() throws {
        // Built from DER here, so the test does not depend on an external tool.
        let der = X509Fixture.der(commonName: "bulwark.test", san: "bulwark.test")
        let encoded = "-----BEGIN CERTIFICATE-----\n" + Data(der).base64EncodedString() + "\n-----END CERTIFICATE-----"
        let v = try eval("x509_decode(@)", .string(encoded))
        #expect(v["Subject"]?["CommonName"] == "bulwark.test")
        #expect(v["Issuer"]?["CommonName"] == "bulwark.test")
        #expect(v["NotBefore"] == "2026-01-01T00:00:00Z")
        #expect(v["NotAfter"] == "2036-01-01T00:00:00Z")
        #expect(v["DNSNames"] == ["bulwark.test"])
        #expect(v["SerialNumber"] == "4660")
        #expect(v["IsCA"] == true)
    }

    @Test("Kyverno's registry lists its functions with signatures")
    func listing() {
        let names = Set(Self.registry.sorted.map(\.name))
        for required in ["regex_match", "pattern_match", "regex_replace_all", "regex_replace_all_literal", "replace", "replace_all",
                         "split", "to_upper", "to_lower", "trim", "trim_prefix", "truncate", "compare", "equal_fold", "label_match",
                         "to_boolean", "add", "subtract", "multiply", "divide", "modulo", "round", "sum", "base64_encode",
                         "base64_decode", "parse_json", "parse_yaml", "lookup", "items", "object_from_lists", "semver_compare",
                         "path_canonicalize", "is_external_url", "image_normalize", "sha256", "time_now_utc", "time_since",
                         "time_add", "time_parse", "time_to_cron", "time_before", "time_after", "time_between", "time_diff",
                         "time_truncate", "x509_decode", "length", "sort_by"] {
            #expect(names.contains(required), "\(required)")
        }
        #expect(Self.registry["truncate"]?.signature == "truncate(string, number) string")
    }
}

/// Builds a minimal DER certificate so the decoder is tested on bytes we control.
enum X509Fixture {
    static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        var out = [tag]
        if content.count < 128 {
            out.append(UInt8(content.count))
        } else {
            let len = content.count
            out += [0x82, UInt8(len >> 8), UInt8(len & 0xFF)]
        }
        return out + content
    }
    static func seq(_ parts: [UInt8]...) -> [UInt8] { tlv(0x30, parts.flatMap { $0 }) }
    static func oid(_ bytes: [UInt8]) -> [UInt8] { tlv(0x06, bytes) }
    static func name(_ cn: String) -> [UInt8] {
        seq(tlv(0x31, seq(oid([0x55, 0x04, 0x03]), tlv(0x0C, Array(cn.utf8)))))
    }

    static func der(commonName: String, san: String) -> [UInt8] {
        let version = tlv(0xA0, tlv(0x02, [0x02]))
        let serial = tlv(0x02, [0x12, 0x34])
        let algorithm = seq(oid([0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02]))
        let validity = seq(tlv(0x17, Array("260101000000Z".utf8)), tlv(0x17, Array("360101000000Z".utf8)))
        let spki = seq(algorithm, tlv(0x03, [0x00, 0x04, 0x01]))
        let sanExt = seq(oid([0x55, 0x1D, 0x11]), tlv(0x04, seq(tlv(0x82, Array(san.utf8)))))
        let bcExt = seq(oid([0x55, 0x1D, 0x13]), tlv(0x01, [0xFF]), tlv(0x04, seq(tlv(0x01, [0xFF]))))
        let extensions = tlv(0xA3, seq(sanExt, bcExt))
        let tbs = seq(version, serial, algorithm, name(commonName), validity, name(commonName), spki, extensions)
        return seq(tbs, algorithm, tlv(0x03, [0x00, 0x01]))
    }
}
