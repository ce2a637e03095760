import ArgumentParser
import BulwarkCore
import BulwarkFormats
import BulwarkKyverno
import Foundation

struct PolicyApply: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Evaluate policies against resources and print every rule verdict.",
        discussion: "Exits 1 when a rule whose failure action is Enforce fails, 2 on usage or load errors.")

    @Option(name: .customLong("policy"), parsing: .upToNextOption, help: "Policy files or folders.")
    var policies: [String] = []

    @Option(name: .customLong("resource"), parsing: .upToNextOption, help: "Resource files or folders.")
    var resources: [String] = []

    @Option(help: "Kyverno CLI values file (variables, namespace labels).")
    var values: String?

    @Option(help: "Kyverno CLI UserInfo file (username, groups, roles).")
    var userinfo: String?

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    func validate() throws {
        if policies.isEmpty { throw ValidationError("at least one --policy is required") }
        if resources.isEmpty { throw ValidationError("at least one --resource is required") }
    }

    func run() throws {
        let loaded = try PolicySources.load(policies)
        for e in loaded.parseErrors { Terminal.error(e.description) }
        for i in loaded.issues { Terminal.note(i.description) }
        if loaded.hasErrors { throw ExitCode(2) }
        if loaded.policies.isEmpty { throw BulwarkError(.usage, "no Kyverno policies found in \(policies.joined(separator: " "))") }
        var offline = OfflineValues()
        if let values { offline = OfflineValues(try DocumentLoader.load(path: values).first?.value ?? .null) }
        var request = Engine.Request()
        if let userinfo { request.user = TestRunner.userInfo(try DocumentLoader.load(path: userinfo).first?.value ?? .null) }
        var errors: [BulwarkError] = []
        let docs = DocumentLoader.resources(in: InputFiles.documents(try InputFiles.expand(resources), errors: &errors))
        for e in errors { Terminal.error(e.description) }
        let engine = Engine(policies: loaded.policies, values: offline)
        var rows: [(Document, RuleResult)] = []
        for doc in docs {
            for r in engine.evaluate(doc.value, request: request) { rows.append((doc, r)) }
        }
        let enforcedFailures = rows.filter { $0.1.status == .fail && $0.1.failureAction == .enforce }.count
        switch format {
        case .json:
            print(Value.array(rows.map { doc, r in
                let at = r.path.map { doc.span(at: PolicyApply.components($0)) } ?? doc.span(at: [])
                return .object(Object([
                    ("policy", .string(r.policy)), ("rule", .string(r.rule)), ("resource", .string(ResourceKey(doc.value).description)),
                    ("file", .string(at.file)), ("line", .int(at.line)), ("column", .int(at.column)),
                    ("result", .string(r.status.rawValue)), ("action", .string(r.failureAction.rawValue)),
                    ("severity", r.severity.map(Value.string) ?? .null), ("message", .string(r.message)),
                ]))
            }).jsonString(pretty: true))
        case .table:
            let table = rows.map { doc, r -> [String] in
                let at = r.path.map { doc.span(at: PolicyApply.components($0)) } ?? doc.span(at: [])
                let status: String
                switch r.status {
                case .pass: status = Terminal.paint("pass", "32")
                case .fail: status = Terminal.paint("fail", "31")
                case .error: status = Terminal.paint("error", "35")
                default: status = r.status.rawValue
                }
                return [r.policy, r.rule, ResourceKey(doc.value).description, status, "\(at)", r.status == .pass ? "" : r.message]
            }
            print(Terminal.table(["POLICY", "RULE", "RESOURCE", "RESULT", "LOCATION", "MESSAGE"], table))
            let counts = RuleStatus.allCases.map { s in "\(rows.filter { $0.1.status == s }.count) \(s.rawValue)" }
            print("\nRules: \(counts.joined(separator: ", ")) across \(docs.count) resources and \(loaded.policies.count) policies")
        }
        if !errors.isEmpty { throw ExitCode(2) }
        if enforcedFailures > 0 { throw ExitCode(1) }
    }

    /// `/spec/containers/0/image/` → path components for locating the source line.
    static func components(_ path: String) -> [PathComponent] {
        path.split(separator: "/").map { Int($0).map(PathComponent.index) ?? .key(String($0)) }
    }
}
