import BulwarkCore
@testable import BulwarkFormats
import Foundation
import Testing

/// The fast YAML path must read every document it accepts exactly as the full parser
/// does — values and positions — and decline what it does not handle.
@Suite("Fast YAML path")
struct FastYAMLTests {
    static func spansEqual(_ a: SpanTree?, _ b: SpanTree?, path: String = "", diff: inout String) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        guard a.line == b.line, a.column == b.column, a.children.count == b.children.count else {
            diff = "at \(path.isEmpty ? "/" : path): fast \(a.line):\(a.column) (\(a.children.count) children), yams \(b.line):\(b.column) (\(b.children.count) children)"
            return false
        }
        for (i, (x, y)) in zip(a.children, b.children).enumerated() where !spansEqual(x, y, path: path + "/\(i)", diff: &diff) { return false }
        return true
    }

    static func check(_ text: String, file: String = "t.yaml") -> Bool? {
        guard let fast = FastYAML.load(text, file: file) else { return nil }
        guard let full = try? YAMLLoader.loadWithYams(text, file: file) else {
            Issue.record("fast path accepted what Yams rejects:\n\(text)")
            return false
        }
        guard fast.count == full.count else {
            Issue.record("document count \(fast.count) vs \(full.count) for:\n\(text)")
            return false
        }
        for (f, y) in zip(fast, full) {
            if f.value != y.value { Issue.record("value differs:\nfast \(f.value.jsonString())\nyams \(y.value.jsonString())\nfor:\n\(text)"); return false }
            var diff = ""
            if !spansEqual(f.spans, y.spans, diff: &diff) { Issue.record("spans differ \(diff) in \(file):\n\(text)"); return false }
        }
        return true
    }

    static let accepted: [String] = [
        "a: 1\nb: [x, 'y', \"z\"]\nc: {d: e, f: [1, 2]}\n",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web   # trailing comment\n  labels: {app: web}\nspec:\n  containers:\n  - name: a\n    image: nginx:1.25\n    ports:\n    - containerPort: 80\n  - name: b\n    args: [\"--x=1\", --y]\n",
        "key:\n- a\n- b\nother: yes\n",
        "---\na: 1\n---\n# only a comment\nb: 2\n...\n",
        "script: |\n  echo one\n  echo two\n\nfolded: >-\n  a\n  b\n\n  c\nkeep: |+\n  x\n\nlast: 0755\n",
        "- - nested\n  - list\n- {inline: map}\n- ''\n- \"esc\\n\\\"q\\\"\"\n- 'it''s'\n",
        "url: http://example.com/a:b\nempty:\nnull_value: ~\nnum: -1.5e3\n",
        "matrix:\n  os: [ubuntu-latest,\n       macos-latest]\n  go: [1.21, 1.22]\n",
    ]

    @Test("accepted documents read exactly as Yams reads them", arguments: accepted)
    func same(text: String) {
        #expect(Self.check(text) == true)
    }

    static let declined: [String] = [
        "a: &x 1\nb: *x\n", "a: !!str 1\n", "? complex\n: key\n", "a: 1\na: 2\n", "a: plain\n  continued\n",
        "a: [1, 2\n", "\tb: 1\n", "%YAML 1.1\n---\na: 1\n", "base: &b {x: 1}\nd:\n  <<: *b\n", "a: b: c\n",
    ]

    @Test("constructs outside the fast path are declined", arguments: declined)
    func declines(text: String) {
        #expect(FastYAML.load(text, file: "t.yaml") == nil)
    }

    @Test("the fast path agrees with Yams on every YAML file of the conformance corpus")
    func corpus() throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        var files: [String] = []
        for dir in [url.appendingPathComponent("examples").path, url.deletingLastPathComponent().appendingPathComponent("shared/conformance/kyverno").path,
                    url.appendingPathComponent("Sources/BulwarkRules/Kubernetes").path] {
            guard let e = FileManager.default.enumerator(atPath: dir) else { continue }
            files += e.compactMap { $0 as? String }.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.map { dir + "/" + $0 }
        }
        #expect(files.count > 50)
        var accepted = 0
        for f in files {
            let text = try String(contentsOfFile: f, encoding: .utf8)
            if Self.check(text, file: f) == true { accepted += 1 }
        }
        // Most real files take the fast path; the rest fall back, never differ. The share is
        // measured on the upstream corpus when it is there (our own policies lean on block
        // scalars and anchors more than typical manifests do).
        let withCorpus = FileManager.default.fileExists(atPath: url.deletingLastPathComponent().appendingPathComponent("shared/conformance/kyverno").path)
        #expect(accepted * 10 >= files.count * (withCorpus ? 8 : 6), "only \(accepted) of \(files.count) took the fast path")
    }
}

@Suite("Fast YAML fuzz")
struct FastYAMLFuzzTests {
    @Test("mutated manifests never crash the fast path, and what it accepts matches Yams")
    func mutations() {
        let seeds = FastYAMLTests.accepted
        var state: UInt64 = 0x5EED
        func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
        let inserts = [":", " ", "-", "\n", "[", "]", "{", "}", "'", "\"", "#", "|", ">", "  ", "\t", "&a", "*a", "!!", "---\n", ",", "? "]
        var accepted = 0
        for n in 0..<10000 {
            var chars = Array(seeds[n % seeds.count])
            for _ in 0..<(1 + next() % 3) {
                let at = next() % (chars.count + 1)
                switch next() % 3 {
                case 0: chars.insert(contentsOf: inserts[next() % inserts.count], at: at)
                case 1: if at < chars.count { chars.remove(at: at) }
                default: if at < chars.count { chars[at] = Array(inserts[next() % inserts.count])[0] }
                }
            }
            let text = String(chars)
            if FastYAMLTests.check(text) == true { accepted += 1 }
        }
        #expect(accepted > 100)
    }
}
