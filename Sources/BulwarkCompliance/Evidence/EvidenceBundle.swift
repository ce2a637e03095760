import BulwarkCore
import Crypto
import Foundation

/// A signed, chained evidence bundle: what was checked, what was found, and proof that the
/// files are the ones the collector wrote.
///
/// Files: `results.json` (the scan's JSON report), `items.jsonl` (one evidence item per line),
/// `waivers.json` (exceptions in force), `manifest.json` (tool, rule-set and mapping hashes,
/// scope, time, every file's SHA-256, each item's hash in order, the previous manifest's hash),
/// and `manifest.dsse.json` (an in-toto Statement about manifest.json in a DSSE envelope,
/// Ed25519). Everything but times and signatures is deterministic.
public enum EvidenceBundle {
    public struct Item: Sendable {
        public var check: String
        public var checkVersion: String
        public var controls: [String]
        public var subject: String
        public var result: String
        public var observed: String
        public var expected: String
        /// The compliance level the subject was checked at (`pci`), when the scan used levels.
        public var level: String?

        public init(check: String, checkVersion: String, controls: [String], subject: String, result: String, observed: String, expected: String,
                    level: String? = nil) {
            self.level = level
            self.check = check
            self.checkVersion = checkVersion
            self.controls = controls
            self.subject = subject
            self.result = result
            self.observed = observed
            self.expected = expected
        }

        /// The item as written: its fields plus when and by what it was collected.
        func json(time: String, collector: String) -> Value {
            guard case .object(var o) = json else { return json }
            o["time"] = .string(time)
            o["collector"] = .string(collector)
            return .object(o)
        }

        var json: Value {
            var o = Object([("check", .string(check)), ("checkVersion", .string(checkVersion)), ("controls", .array(controls.map(Value.string))),
                            ("subject", .string(subject)), ("result", .string(result)), ("observed", .string(observed)), ("expected", .string(expected))])
            if let level { o["level"] = .string(level) }
            return .object(o)
        }
    }

    /// One item per finding (fail, "waived" when an exception covers it, "not evaluated"
    /// when a value could not be known) and one "pass" item per subject a rule checked
    /// without a finding — per resource, at its level. Rules that report no subjects (secret
    /// rules read every file) get one item over the scope: "pass" when `applicable` says
    /// they had something to check, "not applicable" when not (nil: unknown, "pass").
    public static func items(findings: [Finding], rules: [RuleMetadata], scope: String, toolVersion: String,
                             applicable: Set<String>? = nil, checked: [CheckedSubject] = []) -> [Item] {
        var out: [Item] = []
        for f in findings.sorted(by: Finding.ordered) {
            let result = f.suppression.map { "waived (\($0.kind.rawValue))" } ?? (f.message.hasPrefix("not evaluated") ? "not evaluated" : "fail")
            out.append(Item(check: f.ruleId, checkVersion: toolVersion, controls: f.controls.map(\.description),
                            subject: "\(f.location.file):\(f.location.line)" + (f.resource.map { " \($0.description)" } ?? ""),
                            result: result, observed: f.message, expected: f.title, level: f.level))
        }
        let subjects = Dictionary(grouping: checked, by: \.rule)
        let found = Dictionary(grouping: findings, by: \.ruleId)
        for r in rules.sorted(by: { $0.id < $1.id }) {
            let controls = r.controls.map(\.description)
            if let mine = subjects[r.id] {
                // Hashed, not searched: thousands of subjects against thousands of findings.
                let theirs = found[r.id] ?? []
                let files = Set(theirs.map(\.location.file))
                let resources = Set(theirs.map { "\($0.location.file)\u{0}\($0.resource?.description ?? "")" })
                for s in mine where !(s.resource.map { resources.contains("\(s.file)\u{0}\($0)") } ?? files.contains(s.file)) {
                    out.append(Item(check: r.id, checkVersion: toolVersion, controls: controls, subject: s.description,
                                    result: "pass", observed: "no finding", expected: r.title, level: s.level))
                }
            } else if found[r.id] == nil {
                let wasChecked = applicable?.contains(r.id) ?? true
                out.append(Item(check: r.id, checkVersion: toolVersion, controls: controls, subject: scope,
                                result: wasChecked ? "pass" : "not applicable", observed: wasChecked ? "no finding" : "nothing in scope to check",
                                expected: r.title))
            }
        }
        return out
    }

    public struct Input {
        public var resultsJSON: String
        public var items: [Item]
        public var waiversJSON: String
        public var ruleSetHash: String
        public var mappingHash: String
        public var scope: String
        public var toolVersion: String
        public var time: String
        public var previousManifest: Data?
        /// OSCAL assessment results to include (with a framework), as JSON text, given the
        /// names and SHA-256 of the bundle's other files for its back-matter.
        public var oscal: (([(name: String, sha256: String)]) -> String)?
        /// What collected the evidence (`bulwark 0.1.0 (ci@runner-7)`), written into every item.
        public var collector = "bulwark"
        public init(resultsJSON: String, items: [Item], waiversJSON: String, ruleSetHash: String, mappingHash: String, scope: String,
                    toolVersion: String, time: String, previousManifest: Data?) {
            self.resultsJSON = resultsJSON
            self.items = items
            self.waiversJSON = waiversJSON
            self.ruleSetHash = ruleSetHash
            self.mappingHash = mappingHash
            self.scope = scope
            self.toolVersion = toolVersion
            self.time = time
            self.previousManifest = previousManifest
        }
    }

    public static func write(_ input: Input, to dir: String, key: Curve25519.Signing.PrivateKey) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let itemLines = input.items.map { $0.json(time: input.time, collector: input.collector).jsonString() }
        var files: [(String, Data)] = [
            ("results.json", Data(input.resultsJSON.utf8)),
            ("items.jsonl", Data(itemLines.map { $0 + "\n" }.joined().utf8)),
            ("waivers.json", Data(input.waiversJSON.utf8)),
        ]
        if let oscal = input.oscal {
            files.append(("oscal-assessment-results.json", Data(oscal(files.map { ($0.0, sha256Hex($0.1)) }).utf8)))
        }
        for (name, data) in files { try data.write(to: URL(fileURLWithPath: dir + "/" + name)) }
        let manifest = Value.object(Object([
            ("schema", "bulwark.evidence/v1"),
            ("tool", .object(Object([("name", "bulwark"), ("version", .string(input.toolVersion))]))),
            ("ruleSetSha256", .string(input.ruleSetHash)),
            ("mappingSha256", .string(input.mappingHash)),
            ("scope", .string(input.scope)),
            ("collectedAt", .string(input.time)),
            ("previousManifestSha256", input.previousManifest.map { .string(sha256Hex($0)) } ?? .null),
            ("files", .array(files.map { .object(Object([("name", .string($0.0)), ("sha256", .string(sha256Hex($0.1))), ("bytes", .int($0.1.count))])) })),
            ("items", .array(itemLines.map { .string(sha256Hex(Data($0.utf8))) })),
        ]))
        let manifestData = Data((manifest.jsonString(pretty: true) + "\n").utf8)
        try manifestData.write(to: URL(fileURLWithPath: dir + "/manifest.json"))
        let statement = Value.object(Object([
            ("_type", "https://in-toto.io/Statement/v1"),
            ("subject", .array([.object(Object([("name", "manifest.json"), ("digest", .object(Object([("sha256", .string(sha256Hex(manifestData)))])))]))])),
            ("predicateType", "https://bulwark.dev/evidence/v1"),
            ("predicate", manifest),
        ]))
        let envelope = try DSSE.sign(Data(statement.jsonString().utf8), key: key)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(envelope).write(to: URL(fileURLWithPath: dir + "/manifest.dsse.json"))
    }

    /// Every problem found, each naming the file or item; empty when the bundle verifies.
    /// Without `key` everything but the signature is checked: the files against the manifest,
    /// the manifest against the signed statement's digest, the items and the chain.
    public static func verify(dir: String, key: Curve25519.Signing.PublicKey?, previous: String? = nil) -> [String] {
        var problems: [String] = []
        func read(_ name: String) -> Data? { FileManager.default.contents(atPath: dir + "/" + name) }
        guard let envData = read("manifest.dsse.json"), let envelope = try? JSONDecoder().decode(DSSE.Envelope.self, from: envData) else {
            return ["manifest.dsse.json: missing or not a DSSE envelope"]
        }
        let verified = key.map { DSSE.verify(envelope, key: $0) } ?? (envelope.payloadType == DSSE.payloadType ? Data(base64Encoded: envelope.payload) : nil)
        guard let payload = verified else {
            return [key == nil ? "manifest.dsse.json: not an in-toto DSSE envelope" : "manifest.dsse.json: signature does not verify with this key"]
        }
        guard let manifestData = read("manifest.json") else { return ["manifest.json: missing"] }
        guard let statement = try? JSONParser.parseValue(String(decoding: payload, as: UTF8.self)),
              let digest = statement["subject"]?.arrayValue?.first?["digest"]?["sha256"]?.stringValue else {
            return ["manifest.dsse.json: payload is not an in-toto Statement"]
        }
        if digest != sha256Hex(manifestData) { problems.append("manifest.json: altered (its SHA-256 is not the signed one)") }
        guard let manifest = try? JSONParser.parseValue(String(decoding: manifestData, as: UTF8.self)) else {
            return problems + ["manifest.json: not valid JSON"]
        }
        for f in manifest["files"]?.arrayValue ?? [] {
            guard let name = f["name"]?.stringValue, let want = f["sha256"]?.stringValue else { continue }
            guard let data = read(name) else { problems.append("\(name): removed"); continue }
            if sha256Hex(data) != want { problems.append("\(name): altered") }
        }
        // Items: which were changed, removed, added or reordered.
        let want = manifest["items"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if let data = read("items.jsonl") {
            let have = String(decoding: data, as: UTF8.self).split(separator: "\n").map { sha256Hex(Data($0.utf8)) }
            if have != want {
                let wantSet = Set(want), haveSet = Set(have)
                for (i, h) in want.enumerated() where !haveSet.contains(h) { problems.append("items.jsonl: item \(i + 1) removed or altered") }
                for (i, h) in have.enumerated() where !wantSet.contains(h) { problems.append("items.jsonl: line \(i + 1) is not a collected item") }
                if wantSet == haveSet && want.count == have.count { problems.append("items.jsonl: items reordered") }
            }
        }
        let known = Set(["manifest.json", "manifest.dsse.json"] + (manifest["files"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []))
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where !known.contains(name) {
            problems.append("\(name): not part of the bundle")
        }
        if let previous {
            let link = manifest["previousManifestSha256"]?.stringValue
            if let prev = FileManager.default.contents(atPath: previous + "/manifest.json") {
                if link != sha256Hex(prev) { problems.append("chain: previous bundle \(previous) is not the one this bundle follows") }
            } else {
                problems.append("chain: \(previous)/manifest.json missing")
            }
        }
        return problems
    }
}
