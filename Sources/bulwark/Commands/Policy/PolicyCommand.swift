import ArgumentParser

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Run, test and lint Kyverno policies.",
        subcommands: [PolicyTest.self, PolicyApply.self, PolicyLint.self])
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}
