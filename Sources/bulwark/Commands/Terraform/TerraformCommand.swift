import ArgumentParser
import BulwarkCore
import BulwarkFormats
import Foundation

struct TerraformCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terraform", abstract: "Terraform tools (evaluation and rule packs are in progress).",
        subcommands: [TerraformParse.self, TerraformConformance.self, TerraformHCLSpec.self])
}

struct TerraformParse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse", abstract: "Parse .tf files and report syntax errors with file:line:column.",
        discussion: "Exits 1 when a file does not parse. --expect-failures FILE lists files (relative to the path) that must fail, --either FILE files that may do either.")

    @Argument(help: "Files or directories.") var paths: [String]
    @Option(name: .customLong("expect-failures"), help: "File listing paths that must fail to parse.") var expectFailures: String?
    @Option(help: "File listing paths that may parse or fail.") var either: String?

    func run() throws {
        func list(_ f: String?) throws -> Set<String> {
            guard let f else { return [] }
            return Set(try DocumentLoader.readText(f).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        let mustFail = try list(expectFailures), mayFail = try list(either)
        var parsed = 0, failedAsExpected = 0, unexpected = 0, files = 0
        for root in paths {
            for file in try InputFiles.expand([root], extensions: ["tf"], skipping: [".git"]) {
                files += 1
                let rel = file.hasPrefix(root + "/") ? String(file.dropFirst(root.count + 1)) : file
                do {
                    _ = try HCLParser.parse(try DocumentLoader.readText(file), file: file)
                    if mustFail.contains(rel) { unexpected += 1; print("UNEXPECTED \(rel): parsed but must fail") } else { parsed += 1 }
                } catch let e as BulwarkError {
                    if mustFail.contains(rel) { failedAsExpected += 1 }
                    else if mayFail.contains(rel) { continue }
                    else { unexpected += 1; print(e.description) }
                }
            }
        }
        print("terraform parse: \(parsed) parsed, \(failedAsExpected) failed as expected, \(unexpected) unexpected (\(files) files)")
        if unexpected > 0 { throw ExitCode(1) }
    }
}
