import BulwarkCore
import BulwarkFormats
import BulwarkKyverno
import Foundation

/// The built-in Kubernetes rules: Kyverno ClusterPolicies shipped as resources and run by
/// the same engine as users' policies. Each policy carries its Bulwark metadata in
/// annotations (`bulwark.dev/id`, `…/controls`, `…/aliases`, `…/remediation`).
public struct KubernetesPack: Sendable {
    public struct Entry: Sendable {
        public var policy: Policy
        public var metadata: RuleMetadata
        /// Example resources annotated `bulwark.dev/expect: pass|fail|skip`.
        public var examples: String
    }

    public let entries: [Entry]

    /// Loaded once per process.
    public static let shared: KubernetesPack = {
        do { return try load() } catch {
            // The pack is part of the binary; failing to read it is a packaging bug.
            FileHandle.standardError.write(Data("bulwark: built-in Kubernetes rules unavailable: \(error)\n".utf8))
            return KubernetesPack(entries: [])
        }
    }()

    init(entries: [Entry]) { self.entries = entries }

    static func load() throws -> KubernetesPack {
        guard let base = Bundle.module.resourceURL else { throw BulwarkError(.io, "resource bundle not found") }
        let dir = base.appendingPathComponent("Policies")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }.sorted()
        var entries: [Entry] = []
        for f in files {
            let text = try DocumentLoader.readText(dir.appendingPathComponent(f).path)
            for doc in try YAMLLoader.load(text, file: "builtin:kubernetes/\(f)") where PolicyLoader.isPolicy(doc.value) {
                let loaded = PolicyLoader.load(doc)
                guard var p = loaded.policy else { throw BulwarkError(.schema, "\(loaded.issues)") }
                // Namespaced so a user's policy of the same name is never mistaken for ours.
                p.name = "bulwark:" + p.name
                let examples = (try? String(contentsOf: base.appendingPathComponent("Examples").appendingPathComponent(f), encoding: .utf8)) ?? ""
                _ = examples.isEmpty
                entries.append(Entry(policy: p, metadata: metadata(p), examples: examples))
            }
        }
        return KubernetesPack(entries: entries)
    }

    static func metadata(_ p: Policy) -> RuleMetadata {
        let a = p.annotations
        func list(_ key: String) -> [String] { (a[key] ?? "").split(separator: " ").map(String.init) }
        return RuleMetadata(
            id: a["bulwark.dev/id"] ?? p.name, title: a["policies.kyverno.io/title"] ?? p.name,
            severity: Severity(lenient: a["policies.kyverno.io/severity"] ?? "") ?? .medium, pack: "kubernetes",
            rationale: a["policies.kyverno.io/description"] ?? "", remediation: a["bulwark.dev/remediation"] ?? "",
            controls: list("bulwark.dev/controls").compactMap(ControlRef.init(parsing:)), aliases: list("bulwark.dev/aliases"))
    }

    public func entry(forPolicy name: String) -> Entry? { entries.first { $0.policy.name == name } }
}
