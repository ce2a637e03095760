import ArgumentParser
import BulwarkCore
import BulwarkKyverno

struct PolicyLint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check policies for schema and semantic errors (unknown fields, operators, JMESPath, anchors).",
        discussion: "Exits 1 when a policy has errors, 0 when only warnings or nothing was found.")

    @Argument(help: "Policy files or folders.")
    var policies: [String]

    @Flag(help: "Treat warnings (unknown fields, suspicious anchors) as errors.")
    var strict = false

    func run() throws {
        let loaded = try PolicySources.load(policies)
        for e in loaded.parseErrors { print("\(e.location.map { "\($0)" } ?? "-"): error: \(e.message)") }
        for i in loaded.issues { print(i.description) }
        let errors = loaded.parseErrors.count + loaded.issues.filter { $0.severity == .error }.count
        let warnings = loaded.issues.filter { $0.severity == .warning }.count
        print("\(loaded.policies.count) policies checked: \(errors) errors, \(warnings) warnings")
        if errors > 0 || (strict && warnings > 0) { throw ExitCode(1) }
    }
}
