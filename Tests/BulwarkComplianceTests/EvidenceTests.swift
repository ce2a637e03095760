import BulwarkCompliance
import BulwarkCore
import Crypto
import Foundation
import Testing

/// Tampering with a bundle in any way is caught and named.
@Suite struct EvidenceTests {
    let root = NSTemporaryDirectory() + "bulwark-evidence-\(UUID().uuidString)"
    let key = Curve25519.Signing.PrivateKey()

    func input(_ n: Int, previous: Data? = nil) -> EvidenceBundle.Input {
        let items = (0..<n).map { i in
            EvidenceBundle.Item(check: "R\(i)", checkVersion: "1", controls: ["soc2:CC6.1"], subject: "f\(i).tf", result: i % 2 == 0 ? "fail" : "pass",
                                observed: "o\(i)", expected: "e\(i)")
        }
        return .init(resultsJSON: "{\"findings\": []}\n", items: items, waiversJSON: "[]\n", ruleSetHash: "aa", mappingHash: "bb", scope: "repo",
                     toolVersion: "0.1.0", time: "2026-11-29T00:00:00Z", previousManifest: previous)
    }

    func bundle(_ name: String, previous: String? = nil, items: Int = 5) throws -> String {
        let dir = root + "/" + name
        let prev = previous.flatMap { FileManager.default.contents(atPath: root + "/" + $0 + "/manifest.json") }
        try EvidenceBundle.write(input(items, previous: prev), to: dir, key: key)
        return dir
    }

    @Test func verifiesAndNamesEveryKindOfTampering() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let dir = try bundle("b1")
        #expect(EvidenceBundle.verify(dir: dir, key: key.publicKey).isEmpty)
        #expect(EvidenceBundle.verify(dir: dir, key: Curve25519.Signing.PrivateKey().publicKey) == ["manifest.dsse.json: signature does not verify with this key"])
        #expect(EvidenceBundle.verify(dir: dir, key: nil).isEmpty, "without a key the intact bundle's hashes, items and chain check out")

        // Any single byte of any file.
        for name in ["results.json", "waivers.json", "items.jsonl", "manifest.json", "manifest.dsse.json"] {
            let copy = try bundle("flip-\(name)")
            var data = try #require(FileManager.default.contents(atPath: copy + "/" + name))
            let at = data.count / 2
            data[at] = data[at] == 0x41 ? 0x42 : 0x41
            try data.write(to: URL(fileURLWithPath: copy + "/" + name))
            let problems = EvidenceBundle.verify(dir: copy, key: key.publicKey)
            #expect(!problems.isEmpty, "a flipped byte in \(name) went unnoticed")
            #expect(problems.contains { $0.hasPrefix(name) || $0.hasPrefix("manifest") }, "\(name): \(problems)")
            if name != "manifest.dsse.json" {
                // Without a key only the signature goes unchecked: a changed file is still caught.
                #expect(!EvidenceBundle.verify(dir: copy, key: nil).isEmpty, "keyless verify missed a flipped byte in \(name)")
            }
        }

        // A deleted item, reordered items, a removed file, an extra file.
        let deleted = try bundle("deleted")
        var lines = try String(contentsOfFile: deleted + "/items.jsonl", encoding: .utf8).split(separator: "\n").map(String.init)
        lines.remove(at: 2)
        try (lines.joined(separator: "\n") + "\n").write(toFile: deleted + "/items.jsonl", atomically: true, encoding: .utf8)
        #expect(EvidenceBundle.verify(dir: deleted, key: key.publicKey).contains("items.jsonl: item 3 removed or altered"))

        let reordered = try bundle("reordered")
        lines = try String(contentsOfFile: reordered + "/items.jsonl", encoding: .utf8).split(separator: "\n").map(String.init)
        lines.swapAt(0, 1)
        try (lines.joined(separator: "\n") + "\n").write(toFile: reordered + "/items.jsonl", atomically: true, encoding: .utf8)
        #expect(EvidenceBundle.verify(dir: reordered, key: key.publicKey).contains("items.jsonl: items reordered"))

        let removed = try bundle("removed")
        try FileManager.default.removeItem(atPath: removed + "/waivers.json")
        #expect(EvidenceBundle.verify(dir: removed, key: key.publicKey).contains("waivers.json: removed"))

        let extra = try bundle("extra")
        try "x".write(toFile: extra + "/notes.txt", atomically: true, encoding: .utf8)
        #expect(EvidenceBundle.verify(dir: extra, key: key.publicKey).contains("notes.txt: not part of the bundle"))
    }

    @Test func chainDetectsASwappedBundle() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let first = try bundle("c1")
        let other = try bundle("c1-other", items: 6)
        let second = try bundle("c2", previous: "c1")
        #expect(EvidenceBundle.verify(dir: second, key: key.publicKey, previous: first).isEmpty)
        #expect(EvidenceBundle.verify(dir: second, key: key.publicKey, previous: other).contains { $0.hasPrefix("chain:") })
    }

    @Test func deterministicApartFromTimeAndSignature() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let a = try bundle("d1"), b = try bundle("d2")
        for name in ["results.json", "items.jsonl", "waivers.json", "manifest.json"] {
            #expect(FileManager.default.contents(atPath: a + "/" + name) == FileManager.default.contents(atPath: b + "/" + name), "\(name)")
        }
    }

    @Test func rulesWithNothingToCheckAreNotApplicableItems() {
        let rules = ["R1", "R2"].map { RuleMetadata(id: $0, title: $0, severity: .high, pack: "t", rationale: "", remediation: "", controls: []) }
        let items = EvidenceBundle.items(findings: [], rules: rules, scope: "repo", toolVersion: "1", applicable: ["R1"])
        #expect(items.map { "\($0.check)=\($0.result)" } == ["R1=pass", "R2=not applicable"])
    }

    @Test func itemsArePerCheckedResource() {
        let rules = ["R1", "R2", "S1"].map { RuleMetadata(id: $0, title: "t-\($0)", severity: .high, pack: "t", rationale: "", remediation: "", controls: []) }
        func finding(_ rule: String, _ resource: String, notEvaluated: Bool = false) -> Finding {
            var f = Finding(ruleId: rule, severity: notEvaluated ? .info : .high, title: rule, message: notEvaluated ? "not evaluated: x is unknown" : "bad",
                            location: SourceSpan(file: "k8s.yaml", line: 5, column: 1), resource: ResourceRef(kind: "Deployment", name: resource, namespace: "shop"))
            f.level = "pci"
            return f
        }
        let checked = [
            CheckedSubject(rule: "R1", file: "k8s.yaml", line: 1, resource: "Deployment/shop/api", level: "pci"),
            CheckedSubject(rule: "R1", file: "k8s.yaml", line: 20, resource: "Deployment/shop/web", level: "pci"),
            CheckedSubject(rule: "R2", file: "k8s.yaml", line: 1, resource: "Deployment/shop/api", level: "pci"),
        ]
        let items = EvidenceBundle.items(findings: [finding("R1", "api"), finding("R2", "api", notEvaluated: true)], rules: rules, scope: "repo",
                                         toolVersion: "1", applicable: ["R1", "R2", "S1"], checked: checked)
        #expect(items.map { "\($0.check)=\($0.result)@\($0.subject)" } == [
            "R1=fail@k8s.yaml:5 Deployment/shop/api", "R2=not evaluated@k8s.yaml:5 Deployment/shop/api",
            "R1=pass@k8s.yaml:20 Deployment/shop/web",
            "S1=pass@repo",
        ], "one pass item per resource without a finding; a rule with no subjects is judged over the scope")
        #expect(items.allSatisfy { $0.check == "S1" || $0.level == "pci" })
    }

    @Test func itemsSayWhenAndByWhatTheyWereCollected() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        var i = input(2)
        i.collector = "bulwark 0.1.0 (ci@runner-7)"
        try EvidenceBundle.write(i, to: root + "/c", key: key)
        let lines = try String(contentsOfFile: root + "/c/items.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        for line in lines {
            let v = try JSONParser.parseValue(String(line))
            #expect(v["time"]?.stringValue == "2026-11-29T00:00:00Z" && v["collector"]?.stringValue == "bulwark 0.1.0 (ci@runner-7)")
        }
        #expect(EvidenceBundle.verify(dir: root + "/c", key: key.publicKey).isEmpty)
    }

    @Test func digestsAreStandardLowerCaseHex() {
        #expect(Hex.string([0x00, 0x0f, 0xab, 0xff]) == "000fabff")
        // FIPS 180-2's test vector, so bundles hash the way `sha256sum` does.
        #expect(sha256Hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
