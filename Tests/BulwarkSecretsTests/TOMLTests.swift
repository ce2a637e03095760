import BulwarkCore
@testable import BulwarkSecrets
import Testing

@Suite struct TOMLTests {
    @Test func valuesTablesAndArraysOfTables() throws {
        let doc = try TOML.parse("""
            # comment
            title = "t" # trailing
            n = 1_000
            f = 3.5
            b = true
            s = 'C:\\path'
            m = '''
            two
            lines'''
            e = "tab\\there \\u00e9"
            a = [1, 2,
                 3,]   # multi-line, trailing comma
            inline = { x = 1, y.z = "w" }
            [t.sub]
            k = "v"
            [[r]]
            id = 1
            [r.allow]
            x = 2
            [[r]]
            id = 2
            "quoted key" = 3
            """, file: "a.toml")
        let v = doc.root
        #expect(v["title"]?.stringValue == "t")
        #expect(v["n"]?.numberValue == 1000 && v["f"]?.numberValue == 3.5 && v["b"]?.boolValue == true)
        #expect(v["s"]?.stringValue == "C:\\path")
        #expect(v["m"]?.stringValue == "two\nlines")
        #expect(v["e"]?.stringValue == "tab\there é")
        #expect(v["a"]?.arrayValue?.count == 3)
        #expect(v["inline"]?["y"]?["z"]?.stringValue == "w")
        #expect(v["t"]?["sub"]?["k"]?.stringValue == "v")
        #expect(v["r"]?.arrayValue?.count == 2)
        #expect(v["r"]?.arrayValue?[0]["allow"]?["x"]?.numberValue == 2)
        #expect(v["r"]?.arrayValue?[1]["quoted key"]?.numberValue == 3)
        #expect(doc.position("r[1].id")?.line == 21)
    }

    @Test(arguments: [
        ("a = ", 1, "expected a value"), ("a = 1\na = 2", 2, "defined twice"), ("[t]\n[t]", 2, "defined twice"),
        ("a = \"x", 1, "unterminated"), ("a = [1, 2", 1, "in array"), ("a = bare", 1, "strings need quotes"),
        ("a = \"\\q\"", 1, "invalid escape"), ("a = 1 b = 2", 1, "end of line"), ("[[t]\n", 1, "]]"),
        ("x = 1\n[x.y]\n", 2, "is a value"),
    ] as [(String, Int, String)])
    func errorsArePositioned(text: String, line: Int, fragment: String) {
        do {
            _ = try TOML.parse(text, file: "bad.toml")
            Issue.record("accepted \(text)")
        } catch let e as BulwarkError {
            #expect(e.location?.line == line)
            #expect(e.message.contains(fragment), "\(e.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// Mutations of the real rule file: every outcome is a value or a positioned error.
    @Test func fuzzedRuleFilesNeverCrash() throws {
        let original = Array(try SecretConfig.bundledText().utf8.prefix(20_000))
        var rng = SplitMix64(seed: 21)
        let noise = Array("[]{}='\"\\\n#.,x1 \u{00}".utf8)
        var errors = 0
        for _ in 0..<400 {
            var bytes = original
            for _ in 0..<Int(rng.next() % 6 + 1) {
                let at = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 3 {
                case 0: bytes[at] = noise[Int(rng.next() % UInt64(noise.count))]
                case 1: bytes.remove(at: at)
                default: bytes.insert(noise[Int(rng.next() % UInt64(noise.count))], at: at)
                }
            }
            do { _ = try SecretConfig.parse(String(decoding: bytes, as: UTF8.self), file: "f.toml", extendDefault: nil) } catch let e as BulwarkError {
                errors += 1
                #expect(e.location != nil, "\(e)")
            }
        }
        #expect(errors > 0)
    }
}
