import BulwarkCore
import BulwarkFormats
import BulwarkKyverno
@testable import BulwarkRules
import BulwarkTerraform
import Foundation
import Testing

/// One generic test runs every rule's examples: triggering examples must produce a
/// finding exactly at the `↓` marker, passing examples none.
@Suite("Rule examples")
struct RuleExampleTests {
    static func hits(_ id: String, _ text: String, settings: RuleSettings = .standard) throws -> [RuleHit] {
        if let r = RuleRegistry.dockerfile.first(where: { $0.metadata.id == id }) {
            return r.check(Dockerfile.parse(text, file: "Dockerfile"))
        }
        if let r = RuleRegistry.workflow.first(where: { $0.metadata.id == id }) {
            return r.check(try YAMLLoader.load(text, file: "wf.yml")[0])
        }
        if let r = RuleRegistry.terraform.first(where: { $0.metadata.id == id }) {
            let module = TerraformModule.evaluate(files: [.init(path: "main.tf", body: try HCLParser.parse(text, file: "main.tf"))])
            return module.instances.filter { r.resourceTypes.contains($0.type) }.flatMap { inst in
                r.check(inst, in: module, settings: settings).compactMap { v -> RuleHit? in
                    guard case .violation(let path, let message) = v else { return nil }
                    let p = inst.position(of: path)
                    return RuleHit(line: p.line, column: p.column, message: message, attributePath: path)
                }
            }
        }
        if let r = RuleRegistry.manifestSet.first(where: { $0.metadata.id == id }) {
            return r.check(DocumentLoader.resources(in: try YAMLLoader.load(text, file: "m.yaml"))).map(\.1)
        }
        Issue.record("no rule \(id)")
        return []
    }

    static let swiftRuleIDs = RuleRegistry.swiftRules.map(\.metadata.id)

    @Test("Swift rules fire at the marker and stay quiet on passing examples", arguments: swiftRuleIDs)
    func swiftRule(id: String) throws {
        let examples = try #require(RuleRegistry.swiftRules.first { $0.metadata.id == id }).examples
        #expect(!examples.triggering.isEmpty && !examples.passing.isEmpty)
        for ex in examples.triggering {
            let stripped = try #require(RuleExamples.strip(ex), "triggering example without ↓ marker in \(id)")
            let found = try Self.hits(id, stripped.text)
            #expect(found.contains { $0.line == stripped.line && $0.column == stripped.column },
                    "\(id): expected a finding at \(stripped.line):\(stripped.column), got \(found.map { "\($0.line):\($0.column)" }) for:\n\(stripped.text)")
        }
        for ex in examples.passing {
            let found = try Self.hits(id, ex)
            #expect(found.isEmpty, "\(id): passing example produced \(found.map { $0.message ?? "" }) for:\n\(ex)")
        }
    }

    static let rulesWithStricterExamples = RuleRegistry.swiftRules.filter { !$0.examples.stricter.isEmpty }.map(\.metadata.id)

    @Test("stricter examples pass at the standard settings and fire at their marker under the level's", arguments: rulesWithStricterExamples)
    func stricter(id: String) throws {
        let examples = try #require(RuleRegistry.swiftRules.first { $0.metadata.id == id }).examples
        for (settings, ex) in examples.stricter {
            #expect(settings != .standard, "\(id): a stricter example needs settings other than the standard ones")
            let stripped = try #require(RuleExamples.strip(ex), "stricter example without ↓ marker in \(id)")
            let strict = try Self.hits(id, stripped.text, settings: settings)
            #expect(strict.contains { $0.line == stripped.line && $0.column == stripped.column },
                    "\(id): expected a finding at \(stripped.line):\(stripped.column) under \(settings), got \(strict.map { "\($0.line):\($0.column) \($0.message ?? "")" })")
            let standard = try Self.hits(id, stripped.text)
            #expect(standard.isEmpty, "\(id): the stricter example already fails at the standard settings: \(standard.map { $0.message ?? "" })")
        }
    }

    static let kubernetesPolicies = KubernetesPack.shared.entries.map(\.policy.name)

    @Test("Kubernetes policies decide each annotated example as expected", arguments: kubernetesPolicies)
    func kubernetes(policy name: String) throws {
        let entry = try #require(KubernetesPack.shared.entry(forPolicy: name))
        let docs = DocumentLoader.resources(in: try YAMLLoader.load(entry.examples, file: "\(name).yaml"))
        #expect(docs.contains { $0.value["metadata"]?["annotations"]?["bulwark.dev/expect"] == "fail" }, "\(name) has no failing example")
        #expect(docs.contains { $0.value["metadata"]?["annotations"]?["bulwark.dev/expect"] == "pass" }, "\(name) has no passing example")
        var values = OfflineValues()
        if let json = entry.policy.annotations["bulwark.dev/example-values"], case .object(let o) = try JSONParser.parseValue(json) {
            values.global = o.keys.map { ($0, o[$0] ?? .null) }
        }
        let engine = Engine(policies: [entry.policy], values: values)
        for doc in docs {
            let expected = doc.value["metadata"]?["annotations"]?["bulwark.dev/expect"]?.stringValue ?? ""
            let results = engine.evaluate(doc.value)
            let statuses = Set(results.map(\.status.rawValue))
            let resource = doc.value["metadata"]?["name"]?.stringValue ?? ""
            switch expected {
            case "fail": #expect(statuses.contains("fail"), "\(name)/\(resource): \(results.map(\.message))")
            case "pass": #expect(statuses == ["pass"], "\(name)/\(resource): \(results.map { "\($0.status): \($0.message)" })")
            case "skip": #expect(statuses.isSubset(of: ["skip"]), "\(name)/\(resource): \(statuses)")
            default: Issue.record("\(name)/\(resource): unknown expectation '\(expected)'")
            }
        }
    }

    @Test("every rule has an id, controls, remediation and a unique id")
    func metadata() {
        let all = RuleRegistry.all
        #expect(all.count >= 40)
        #expect(Set(all.map(\.id)).count == all.count)
        for m in all {
            #expect(!m.controls.isEmpty, "\(m.id) maps to no control")
            #expect(!m.remediation.isEmpty, "\(m.id) has no remediation")
            #expect(!m.rationale.isEmpty, "\(m.id) has no rationale")
        }
    }

    @Test("every Swift rule file is registered")
    func registryComplete() throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let sources = url.appendingPathComponent("Sources/BulwarkRules")
        let registered = Set(RuleRegistry.swiftRules.map { "\($0.metadata.id)" })
        var declared: [String] = []
        for dir in ["Dockerfile", "Actions", "Kubernetes/CrossResource", "Terraform/AWS", "Terraform/Azure", "Terraform/GCP"] {
            let path = sources.appendingPathComponent(dir).path
            for f in try FileManager.default.contentsOfDirectory(atPath: path) where f.hasSuffix(".swift") {
                let text = try String(contentsOfFile: path + "/" + f, encoding: .utf8)
                if let r = text.range(of: #"id: "([A-Z0-9-]+)""#, options: .regularExpression) {
                    declared.append(String(text[r]).replacingOccurrences(of: "id: ", with: "").replacingOccurrences(of: "\"", with: ""))
                }
            }
        }
        #expect(declared.count == registered.count, "declared \(declared.sorted()), registered \(registered.sorted())")
        for id in declared { #expect(registered.contains(id), "\(id) is not in RuleRegistry") }
    }
}
