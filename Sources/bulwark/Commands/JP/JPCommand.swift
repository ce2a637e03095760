import ArgumentParser
import BulwarkCore
import BulwarkFormats
import BulwarkJMESPath
import BulwarkKyverno
import Foundation

struct JPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jp",
        abstract: "Evaluate JMESPath expressions as standard JMESPath or exactly as a Kyverno policy sees them.",
        subcommands: [JPQuery.self, JPFunctions.self, JPTest.self])
}

struct JPQuery: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "query", abstract: "Evaluate an expression against JSON or YAML input.")

    @Argument(help: "The JMESPath expression.")
    var expression: String

    @Option(name: [.short, .customLong("input")], help: "Input file (JSON or YAML); standard input when omitted.")
    var input: String?

    @Flag(help: "Kyverno semantics: Kyverno's functions, its sum(), and errors for missing keys.")
    var kyverno = false

    @Flag(help: "Compact output on one line.")
    var compact = false

    func run() throws {
        let compiled: JMESPathExpression
        do { compiled = try JMESPathExpression(expression, allowRoot: kyverno) } catch let e as JMESPathError {
            throw BulwarkError(.usage, "invalid expression: \(e)\n  \(expression)\n  \(String(repeating: " ", count: e.offset ?? 0))^")
        }
        let text: String
        if let input {
            text = try DocumentLoader.readText(input)
        } else {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }
        let data = try DocumentLoader.parse(text, file: input ?? "<stdin>").first?.value ?? .null
        do {
            let result = kyverno
                ? try compiled.searchReportingMissingKeys(data, functions: KyvernoFunctions.shared)
                : try compiled.search(data)
            print(result.jsonString(pretty: !compact))
        } catch let e as JMESPathError {
            throw BulwarkError(.evaluation, "\(e)")
        }
    }
}

struct JPFunctions: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "functions", abstract: "List functions with their signatures.")

    @Flag(help: "Include Kyverno's functions.")
    var kyverno = false

    func run() throws {
        let registry = kyverno ? KyvernoFunctions.shared : FunctionRegistry.standard
        for f in registry.sorted {
            print(f.summary.isEmpty ? f.signature : "\(f.signature)\n    \(f.summary)")
        }
    }
}

struct JPTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test", abstract: "Run JMESPath compliance-suite files ({given, cases}) and print pass counts.")

    @Argument(help: "Compliance JSON files or folders.")
    var paths: [String]

    @Flag(help: "Print each failing case.")
    var verbose = false

    func run() throws {
        var passed = 0, failed = 0, benches = 0
        for file in try InputFiles.expand(paths, extensions: ["json"]) {
            let suite = try JSONParser.parseValue(try DocumentLoader.readText(file))
            let o = ComplianceSuite.run(suite)
            passed += o.passed
            failed += o.failures.count
            benches += o.benchmarks.count
            if verbose || !o.failures.isEmpty {
                for f in o.failures { print("FAIL \(file): \(f)") }
            }
        }
        print("jmespath: \(passed) passed, \(failed) failed (\(benches) benchmark cases not counted)")
        if failed > 0 { throw ExitCode(1) }
    }
}
