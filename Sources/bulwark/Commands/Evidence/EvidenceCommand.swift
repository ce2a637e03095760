import ArgumentParser
import BulwarkCompliance
import BulwarkCore
import BulwarkReport
import BulwarkScan
import Foundation

/// `bulwark evidence keygen|collect|verify`: signed, chained evidence bundles.
struct EvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence", abstract: "Collect and verify signed, tamper-evident evidence bundles.",
        subcommands: [EvidenceKeygen.self, EvidenceCollect.self, EvidenceVerify.self])
}

struct EvidenceKeygen: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keygen", abstract: "Write an Ed25519 key pair: PREFIX.key (mode 0600) and PREFIX.pub.")
    @Option(help: "Path prefix for the two files.") var out: String

    func run() throws {
        let pub = try Keys.generate(prefix: out)
        Terminal.note("wrote \(out).key (keep it secret) and \(out).pub; key id \(DSSE.keyID(pub))")
    }
}

struct EvidenceCollect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect", abstract: "Scan, then write a signed bundle: manifest, evidence items, waivers, results.")

    @Argument(help: "What to scan.") var path: String = "."
    @Option(help: "Framework whose controls the items are listed under (see `bulwark frameworks list`).") var framework: String?
    @Option(help: "Compliance level for paths .bulwark.yaml does not pin (standard, pci, sox, hipaa or a level file).") var level: String?
    @Option(help: "A directory of your own framework files.") var frameworks: String?
    @Option(help: "Ed25519 private key (from `bulwark evidence keygen`).") var key: String
    @Option(help: "Bundle directory to write.") var out: String
    @Option(help: "The previous bundle: its manifest hash is recorded so bundles form a chain.") var previous: String?

    func run() throws {
        var args = [path, "--format", "json", "--evidence-out", out, "--evidence-key", key]
        if let framework { args += ["--framework", framework] }
        if let level { args += ["--level", level] }
        if let frameworks { args += ["--frameworks", frameworks] }
        if let previous { args += ["--evidence-previous", previous] }
        let scan = try ScanCommand.parse(args)
        // The scan's JSON report goes into the bundle, not to stdout.
        let saved = dup(STDOUT_FILENO)
        let null = open("/dev/null", O_WRONLY)
        dup2(null, STDOUT_FILENO)
        defer { fflush(nil); dup2(saved, STDOUT_FILENO); close(null); close(saved) }
        try scan.run()
    }
}

struct EvidenceVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Check a bundle's signature, every file's hash, its items and (with --previous) its chain.")

    @Argument(help: "Bundle directory.") var dir: String
    @Option(help: "Ed25519 public key (PREFIX.pub). Without it every hash, item and link is checked but not the signature.") var key: String?
    @Option(help: "The bundle this one should follow.") var previous: String?

    func run() throws {
        let pub = try key.map { try Keys.publicKey(path: $0) }
        let problems = EvidenceBundle.verify(dir: dir, key: pub, previous: previous)
        if problems.isEmpty {
            if pub == nil {
                let keyID = (try? JSONDecoder().decode(DSSE.Envelope.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/manifest.dsse.json"))))?.signatures.first?.keyid ?? "unknown"
                print("\(dir): intact (\(fileCount()) files, items\(previous == nil ? "" : ", chain")); signature NOT checked — pass --key PREFIX.pub (signed by key id \(keyID))")
            } else {
                print("\(dir): verified (signature, \(fileCount()) files, items\(previous == nil ? "" : ", chain"))")
            }
            return
        }
        for p in problems { print("\(dir)/\(p)") }
        throw ExitCode(1)
    }

    func fileCount() -> Int { ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).count }
}

/// Builds the bundle from a finished scan (called by `bulwark scan` when collecting evidence).
enum EvidenceWriter {
    static func write(input: ReportInput, waivers: [Waiver], scope: String, framework: String?, frameworks: [Framework], plan: LevelPlan, out: String, key: String, previous: String?) throws {
        let privateKey = try Keys.privateKey(path: key)
        var rules = Array(input.rules.values)
        var oscal: (([(name: String, sha256: String)]) -> String)?
        let formatter = ISO8601DateFormatter()
        let now = formatter.string(from: Date())
        if let framework {
            guard let f = frameworks.first(where: { $0.id == framework }) else {
                throw BulwarkError(.usage, "no framework '\(framework)'")
            }
            let posture = Posture(framework: f, rules: rules, findings: input.findings, applicable: input.applicableRules.map(Set.init))
            let findings = input.findings, all = rules
            oscal = { evidence in OSCAL.assessmentResults(posture: posture, findings: findings, rules: all, scope: scope, toolVersion: Bulwark.version,
                                                          start: now, end: now, evidence: evidence).jsonString(pretty: true) + "\n" }
            rules = rules.filter { r in r.controls.contains { $0.framework == f.id } }
        }
        let items = EvidenceBundle.items(findings: input.findings, rules: rules, scope: scope, toolVersion: Bulwark.version,
                                         applicable: input.applicableRules.map(Set.init), checked: input.checked)
        // The levels decide which rules ran and at which thresholds, so they are part of the rule set.
        let ruleSet = input.rules.keys.sorted().map { id in "\(id):\(input.rules[id]!.severity.rawValue):\(input.rules[id]!.controls.map(\.description).joined(separator: ","))" }
            + plan.scopes.map { s in
                let l = s.level
                let settings = RuleSettings.documentation.map { "\($0.name)=\(l.settings[$0.name] ?? 0)" }.joined(separator: ",")
                return "level:\(l.id):\(s.patterns.joined(separator: ",")):\(l.failOn.rawValue):\(settings):+\(l.enabled.sorted().joined(separator: ",")):-\(l.disabled.sorted().joined(separator: ",")):"
                    + l.severity.keys.sorted().map { "\($0)=\(l.severity[$0]!.rawValue)" }.joined(separator: ",")
            }
        let mapping = frameworks.map { f in "\(f.id)@\(f.version):" + f.controls.map { "\($0.id)=\($0.automation.rawValue)" }.joined(separator: ",") }
        let waiverValue = Value.array(waivers.map { w in
            .object(Object([("rule", .string(w.rule)), ("path", w.path.map { .string($0.pattern) } ?? .null), ("resource", w.resource.map(Value.string) ?? .null),
                            ("owner", .string(w.owner)), ("approver", .string(w.approver)), ("justification", .string(w.justification)),
                            ("ticket", .string(w.ticket)), ("expires", .string(w.expires))]))
        })
        let previousManifest = try previous.map { p -> Data in
            guard let d = FileManager.default.contents(atPath: p + "/manifest.json") else { throw BulwarkError(.usage, "\(p)/manifest.json: no such file") }
            return d
        }
        var bundleInput = EvidenceBundle.Input(resultsJSON: ReportFormat.json.renderer().render(input), items: items, waiversJSON: waiverValue.jsonString(pretty: true) + "\n",
                                       ruleSetHash: sha256Hex(Data(ruleSet.joined(separator: "\n").utf8)),
                                       mappingHash: sha256Hex(Data(mapping.joined(separator: "\n").utf8)),
                                       scope: scope, toolVersion: Bulwark.version, time: now, previousManifest: previousManifest)
        bundleInput.oscal = oscal
        let who = ProcessInfo.processInfo.environment["USER"].map { $0 + "@" } ?? ""
        bundleInput.collector = "bulwark \(Bulwark.version) (\(who)\(ProcessInfo.processInfo.hostName))"
        try EvidenceBundle.write(bundleInput, to: out, key: privateKey)
        FileHandle.standardError.write(Data("evidence: \(items.count) items written to \(out), signed with key \(DSSE.keyID(privateKey.publicKey))\n".utf8))
    }
}
