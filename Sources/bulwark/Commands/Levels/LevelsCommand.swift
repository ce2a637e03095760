import ArgumentParser
import BulwarkCompliance
import BulwarkCore
import BulwarkScan
import Foundation

/// `bulwark levels list|show`: the compliance levels, their thresholds and what each changes.
struct LevelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "levels", abstract: "Compliance levels (standard, pci, sox, hipaa): the rules and thresholds each applies.",
        subcommands: [LevelsList.self, LevelsShow.self])
}

struct LevelsList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Every bundled level with its gate, settings and extra rules.")

    @Flag(help: "The Markdown table docs/compliance.md embeds.") var markdown = false

    func run() throws {
        if markdown { print(try RuleDocs.levelsTable(), terminator: ""); return }
        let rows = try ComplianceLevel.bundled().map { l -> [String] in
            let settings = RuleSettings.documentation.map { "\($0.name)=\(l.settings[$0.name] ?? 0)" }.joined(separator: " ")
            return [l.id, l.failOn.rawValue, l.frameworks.joined(separator: ","), (l.enabled.isEmpty ? "—" : l.enabled.sorted().joined(separator: ",")), settings]
        }
        print(Terminal.table(["LEVEL", "FAILS ON", "FRAMEWORKS", "OPT-IN RULES", "SETTINGS"], rows))
        print("\nPin levels per path in .bulwark.yaml (`levels: {services/payments/**: pci}`) or choose one with `bulwark scan --level pci`.")
    }
}

struct LevelsShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "One level: what it is for, its settings, and every rule it adds, removes or re-rates.")

    @Argument(help: "A level id (see `bulwark levels list`) or a level file.") var level: String

    func run() throws {
        let l = try LevelPlan.level(level, relativeTo: FileManager.default.currentDirectoryPath)
        let rules = Dictionary((RuleDocs.all + RuleDocs.secretMetadata).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        print("\(l.name) (\(l.id))\(l.ancestry.isEmpty ? "" : " — extends \(l.ancestry.joined(separator: " → "))")")
        if !l.description.isEmpty { print(l.description) }
        print("\nFails on: \(l.failOn.rawValue) and above")
        if !l.frameworks.isEmpty { print("Frameworks: \(l.frameworks.joined(separator: ", ")) (`bulwark scan --level \(l.id)` reports their posture)") }
        print("\nSettings:")
        print(Terminal.table(["SETTING", "VALUE", "STANDARD", "MEANING"], RuleSettings.documentation.map { d in
            [d.name, String(l.settings[d.name] ?? 0), String(RuleSettings.standard[d.name] ?? 0), d.meaning]
        }))
        let optIn = LevelPlan.optInRules.sorted()
        print("\nOpt-in rules:")
        print(Terminal.table(["RULE", "AT THIS LEVEL", "TITLE"], optIn.map { id in
            [id, l.runs(id, optIn: true) ? "on" : "off", rules[id]?.title ?? ""]
        }))
        if !l.disabled.isEmpty { print("\nTurned off: \(l.disabled.sorted().joined(separator: ", "))") }
        if !l.severity.isEmpty {
            print("\nSeverities:")
            print(Terminal.table(["RULE", "DEFAULT", "HERE", "TITLE"], l.severity.keys.sorted().map { id in
                [id, rules[id]?.severity.rawValue ?? "?", l.severity[id]!.rawValue, rules[id]?.title ?? ""]
            }))
        }
    }
}
