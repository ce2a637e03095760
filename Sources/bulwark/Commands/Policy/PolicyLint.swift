import ArgumentParser
import BulwarkCore
import BulwarkKyverno

struct PolicyLint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check policies for schema and semantic errors (unknown fields, operators, JMESPath, anchors).",
        discussion: "Exits 1 when a policy has errors or warnings (unknown fields are usually typos that silently change behaviour), 0 when clean.")

    @Argument(help: "Policy files or folders.")
    var policies: [String]

    @Flag(help: "Exit 0 when there are warnings (unknown fields, suspicious anchors) but no errors.")
    var allowWarnings = false

    func run() throws {
        let loaded = try PolicySources.load(policies)
        for e in loaded.parseErrors { print("\(e.location.map { "\($0)" } ?? "-"): error: \(e.message)") }
        for i in loaded.issues { print(i.description) }
        let errors = loaded.parseErrors.count + loaded.issues.filter { $0.severity == .error }.count
        let warnings = loaded.issues.filter { $0.severity == .warning }.count
        print("\(loaded.policies.count) policies checked: \(errors) errors, \(warnings) warnings")
        if errors > 0 || (!allowWarnings && warnings > 0) { throw ExitCode(1) }
    }
}
