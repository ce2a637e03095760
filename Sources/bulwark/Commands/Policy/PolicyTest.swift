import ArgumentParser
import BulwarkCore
import BulwarkFormats
import BulwarkKyverno
import Foundation

struct PolicyTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run kyverno-test.yaml suites (Kyverno CLI compatible).",
        discussion: """
        Finds every kyverno-test.yaml under the given paths, evaluates its policies against its \
        resources and compares each expected result. Like the Kyverno CLI, a row whose resource \
        the rule never matched passes by default; such rows are counted and shown. --strict fails them.
        """)

    @Argument(help: "Files or directories to search for kyverno-test.yaml.")
    var paths: [String] = ["."]

    @Flag(help: "Fail rows whose resource the rule never matched or whose kind disagrees.")
    var strict = false

    @Flag(help: "Print every row, not only failures.")
    var detailed = false

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    func run() throws {
        let files = try InputFiles.find(named: "kyverno-test.yaml", under: paths)
        guard !files.isEmpty else { throw BulwarkError(.usage, "no kyverno-test.yaml found under \(paths.joined(separator: " "))") }
        let runner = TestRunner(strict: strict)
        var outcomes: [TestRunner.Outcome] = []
        for file in files {
            outcomes.append(runOne(file, runner))
        }
        let passed = outcomes.reduce(0) { $0 + $1.passed }
        let failed = outcomes.reduce(0) { $0 + $1.failed }
        let lenient = outcomes.reduce(0) { $0 + $1.lenient }
        let failingTests = outcomes.filter { $0.failed > 0 }.count
        switch format {
        case .json:
            print(json(outcomes).jsonString(pretty: true))
        case .table:
            for o in outcomes { printOutcome(o) }
            print("")
            print("Tests: \(outcomes.count) run, \(outcomes.count - failingTests) passed, \(failingTests) failed")
            if lenient > 0 {
                print("Rows passed without a matching verdict (Kyverno CLI compatibility; --strict fails them): \(lenient)")
            }
            print("Rows: \(passed) passed, \(failed) failed")
        }
        if failed > 0 { throw ExitCode(1) }
    }

    private func runOne(_ file: String, _ runner: TestRunner) -> TestRunner.Outcome {
        let docs: [Document]
        do { docs = try DocumentLoader.load(path: file) } catch {
            var o = TestRunner.Outcome(test: file, file: file)
            o.errors.append("\(error)")
            return o
        }
        guard let doc = docs.first(where: { KyvernoTest.isTest($0.value) }) else {
            var o = TestRunner.Outcome(test: file, file: file)
            o.errors.append("\(file): not a Kyverno Test document")
            return o
        }
        do {
            let test = try KyvernoTest(doc)
            return runner.run(test, file: file) { path in
                let full = InputFiles.relative(path, to: file)
                var errors: [BulwarkError] = []
                let docs = InputFiles.documents(try InputFiles.expand([full]), errors: &errors)
                if let first = errors.first { throw first }
                return docs
            }
        } catch {
            var o = TestRunner.Outcome(test: file, file: file)
            o.errors.append("\(error)")
            return o
        }
    }

    private func printOutcome(_ o: TestRunner.Outcome) {
        let status = o.failed == 0 ? Terminal.paint("PASS", "32") : Terminal.paint("FAIL", "31")
        print("\(status) \(o.test) (\(o.file)): \(o.passed) passed, \(o.failed) failed")
        for e in o.errors { print("  error: \(e)") }
        for row in o.rows where detailed || !row.passed || (strict && row.note != nil) {
            let actual = row.actual?.rawValue ?? "-"
            var line = "  \(row.passed ? "ok  " : "FAIL") \(row.row.policy)/\(row.row.rule) \(row.row.kind ?? "*")/\(row.resource): expected \(row.row.result.rawValue), got \(actual)"
            if let note = row.note { line += " — \(note)" }
            if !row.passed, let m = row.message, !m.isEmpty { line += "\n       \(m)" }
            print(line)
        }
    }

    private func json(_ outcomes: [TestRunner.Outcome]) -> Value {
        .array(outcomes.map { o in
            .object(Object([
                ("test", .string(o.test)), ("file", .string(o.file)), ("passed", .int(o.passed)), ("failed", .int(o.failed)),
                ("errors", .array(o.errors.map(Value.string))),
                ("rows", .array(o.rows.map { r in
                    .object(Object([
                        ("policy", .string(r.row.policy)), ("rule", .string(r.row.rule)), ("kind", r.row.kind.map(Value.string) ?? .null),
                        ("resource", .string(r.resource)), ("expected", .string(r.row.result.rawValue)),
                        ("actual", r.actual.map { .string($0.rawValue) } ?? .null), ("passed", .bool(r.passed)),
                        ("note", r.note.map(Value.string) ?? .null), ("message", r.message.map(Value.string) ?? .null),
                    ]))
                })),
            ]))
        })
    }
}
