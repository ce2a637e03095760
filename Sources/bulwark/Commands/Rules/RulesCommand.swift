import ArgumentParser
import BulwarkCompliance
import BulwarkCore
import BulwarkRules
import BulwarkScan

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "List and explain the built-in rules.",
        subcommands: [RulesList.self, RulesShow.self, RulesDocs.self])
}

struct RulesList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Every rule with its severity, pack, aliases and controls.")

    @Option(help: "table or json") var format: OutputFormat = .table

    func run() throws {
        let all = RuleDocs.all + RuleDocs.secretMetadata
        switch format {
        case .json:
            print(Value.array(all.map { m in
                .object(Object([("id", .string(m.id)), ("title", .string(m.title)), ("severity", .string(m.severity.rawValue)),
                                ("pack", .string(m.pack)), ("aliases", .array(m.aliases.map(Value.string))),
                                ("controls", .array(m.controls.map { .string($0.description) }))]))
            }).jsonString(pretty: true))
        case .table:
            print(Terminal.table(["ID", "SEVERITY", "PACK", "ALIASES", "TITLE"],
                                 all.map { [$0.id, $0.severity.rawValue, $0.pack, $0.aliases.joined(separator: ","), $0.title] }))
        }
    }
}

struct RulesShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Rationale, remediation, controls and examples of one rule.")

    @Argument(help: "Rule id or alias (e.g. K8S-001 or CKV_K8S_16).") var id: String

    func run() throws {
        guard let text = RuleDocs.section(id) else { throw BulwarkError(.usage, "no rule '\(id)' (see `bulwark rules list`)") }
        print(text)
        // The controls it evidences, with their titles from the framework files.
        guard let meta = (RuleDocs.all + RuleDocs.secretMetadata).first(where: { $0.id == id || $0.aliases.contains(id) }),
              let frameworks = try? Framework.bundled() else { return }
        var lines: [String] = []
        for ref in meta.controls {
            guard let f = frameworks.first(where: { $0.id == ref.framework }), let c = f.controls.first(where: { $0.id == ref.id }) else { continue }
            lines.append("  \(f.name) \(c.id) — \(c.title)")
        }
        if !lines.isEmpty { print("Evidences:\n" + lines.joined(separator: "\n")) }
    }
}

struct RulesDocs: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "docs", abstract: "Print docs/rules.md (generated from the rules' metadata).")
    func run() throws { print(RuleDocs.markdown(), terminator: "") }
}
