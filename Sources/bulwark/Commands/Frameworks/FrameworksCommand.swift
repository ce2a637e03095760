import ArgumentParser
import BulwarkCompliance
import BulwarkCore
import BulwarkScan

/// `bulwark frameworks list|show`: the compliance frameworks and which rules evidence each control.
struct FrameworksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frameworks", abstract: "Compliance frameworks: their controls and the rules that evidence them.",
        subcommands: [FrameworksList.self, FrameworksShow.self])

    static func load(_ extra: String?) throws -> [Framework] {
        var all = try Framework.bundled()
        if let extra {
            for f in try Framework.load(directory: extra) {
                all.removeAll { $0.id == f.id }
                all.append(f)
            }
        }
        return all.sorted { $0.id < $1.id }
    }

    static var rules: [RuleMetadata] { RuleDocs.all + RuleDocs.secretMetadata }
}

struct FrameworksList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Every framework with its control counts.")

    @Option(help: "A directory of your own framework files (same format; a file with a bundled id replaces it).")
    var frameworks: String?

    func run() throws {
        let rules = FrameworksCommand.rules
        let rows = try FrameworksCommand.load(frameworks).map { f -> [String] in
            let evidence = f.evidence(from: rules)
            let count = { (a: Framework.Automation) in String(f.controls.filter { $0.automation == a }.count) }
            let evidenced = f.controls.filter { !(evidence[$0.id] ?? []).isEmpty }.count
            return [f.id, f.version, String(f.controls.count), count(.automated), count(.partial), count(.manual), String(evidenced), f.name]
        }
        print(Terminal.table(["ID", "VERSION", "CONTROLS", "AUTOMATED", "PARTIAL", "MANUAL", "WITH RULES", "NAME"], rows))
    }
}

struct FrameworksShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "A framework's controls with their automation and rules.")

    @Argument(help: "Framework id (see `bulwark frameworks list`).") var id: String

    @Option(help: "A directory of your own framework files.")
    var frameworks: String?

    func run() throws {
        let all = try FrameworksCommand.load(frameworks)
        guard let f = all.first(where: { $0.id == id }) else {
            throw BulwarkError(.usage, "no framework '\(id)' (known: \(all.map(\.id).joined(separator: ", ")))")
        }
        let evidence = f.evidence(from: FrameworksCommand.rules)
        print("\(f.name) — \(f.version)\n\(f.description)\n")
        print(Terminal.table(["CONTROL", "AUTOMATION", "RULES", "TITLE"], f.controls.map { c in
            let rules = evidence[c.id] ?? []
            let shown = rules.count > 6 ? rules.prefix(6).joined(separator: ", ") + " … (\(rules.count))" : rules.joined(separator: ", ")
            return [c.id, c.automation.rawValue, shown.isEmpty ? "—" : shown, c.title]
        }))
    }
}
