import ArgumentParser
import BulwarkCore
import BulwarkFormats
import BulwarkRules
import BulwarkTerraform
import Foundation

/// Runs Checkov's own test fixtures (one folder per check: main.tf + expected.json with
/// passing and failing addresses) against every Bulwark rule that aliases that check.
struct TerraformConformance: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conformance", abstract: "Compare rule verdicts with Checkov's expected passing/failing resources.")

    @Argument(help: "Folder of <CHECK_ID>__<name>/ fixtures.") var path: String
    @Flag(help: "Print every mismatch.") var verbose = false
    @Option(name: .customLong("known-differences"), help: "Markdown table of documented disagreements (check | resource | …).")
    var knownDifferences: String?

    func run() throws {
        var checks = 0, agreed = 0, disagreed = 0, documented = 0
        var known = Set<String>()
        if let knownDifferences {
            for line in try DocumentLoader.readText(knownDifferences).split(separator: "\n") where line.hasPrefix("| CKV") {
                let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                if cells.count >= 2 { known.insert("\(cells[0]) \(cells[1])") }
            }
        }
        let dirs = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        for dir in dirs {
            let expectedPath = "\(path)/\(dir)/expected.json"
            guard let text = try? DocumentLoader.readText(expectedPath), let expected = try? JSONParser.parseValue(text),
                  let check = expected["check_id"]?.stringValue else { continue }
            guard let rule = RuleRegistry.terraform.first(where: { $0.metadata.aliases.contains(check) }) else { continue }
            checks += 1
            var files: [TerraformModule.File] = []
            for f in (try? FileManager.default.contentsOfDirectory(atPath: "\(path)/\(dir)")) ?? [] where f.hasSuffix(".tf") {
                if let body = try? HCLParser.parse(try DocumentLoader.readText("\(path)/\(dir)/\(f)"), file: f) { files.append(.init(path: f, body: body)) }
            }
            let module = TerraformModule.evaluate(files: files)
            func verdict(_ address: String) -> String {
                let matches = module.instances.filter { $0.address == address || $0.baseAddress == address }
                guard !matches.isEmpty else { return "missing" }
                var result = "pass"
                for inst in matches {
                    for v in rule.evaluate(inst, in: module) {
                        switch v {
                        case .violation: result = "fail"
                        case .notEvaluated: if result == "pass" { result = "not evaluated" }
                        }
                    }
                }
                return result
            }
            for (want, list) in [("pass", expected["passing"]), ("fail", expected["failing"])] {
                for a in list?.arrayValue?.compactMap(\.stringValue) ?? [] {
                    let got = verdict(a)
                    if got == want { agreed += 1 } else if known.contains("\(check) \(a)") {
                        documented += 1
                    } else {
                        disagreed += 1
                        if verbose { print("\(rule.metadata.id) (\(check)) \(a): Checkov says \(want), Bulwark \(got)") }
                    }
                }
            }
        }
        print("checkov conformance: \(agreed) agree, \(documented) differ as documented, \(disagreed) differ unexpectedly, across \(checks) checks with a Bulwark rule")
        if disagreed > 0 { throw ExitCode(1) }
    }
}
