import ArgumentParser
import BulwarkCore
import BulwarkFormats
import BulwarkTerraform
import Foundation

/// Runs HashiCorp's HCL specification suite: each `X.hcl` (or `X.hcl.json`) is parsed
/// and decoded by `X.hcldec`, then compared with `X.t` — its `result`, or the position
/// of the first error in its `diagnostics`.
struct TerraformHCLSpec: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hcl-spec", abstract: "Run the upstream HCL specification test suite (hcl/specsuite).")

    @Argument(help: "The suite's directory.") var directory: String
    @Flag(help: "Print every case.") var verbose = false

    func run() throws {
        var passed = 0, failed = 0
        let files = try InputFiles.expand([directory], extensions: ["hcl", "json"], skipping: []).filter { $0.hasSuffix(".hcl") || $0.hasSuffix(".hcl.json") }.sorted()
        for file in files {
            let base = file.hasSuffix(".json") ? String(file.dropLast(9)) : String(file.dropLast(4))
            guard FileManager.default.fileExists(atPath: base + ".t"), FileManager.default.fileExists(atPath: base + ".hcldec") else { continue }
            let (ok, detail) = runCase(file, base: base)
            if ok { passed += 1 } else { failed += 1 }
            if verbose || !ok { print("\(ok ? "  ok  " : "  FAIL") \(file)\(detail.isEmpty ? "" : ": " + detail)") }
        }
        print("hcl-spec: \(passed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode(1) }
    }

    func runCase(_ file: String, base: String) -> (Bool, String) {
        do {
            let t = try HCLParser.parse(try DocumentLoader.readText(base + ".t"), file: base + ".t")
            let spec = try HCLParser.parse(try DocumentLoader.readText(base + ".hcldec"), file: base + ".hcldec")
            let expectedError = t.blocks("diagnostics").first?.body.blocks("error").first.flatMap { e -> (Int, Int)? in
                guard let from = e.body.blocks("from").first else { return nil }
                func n(_ k: String) -> Int? { (try? ExpressionEvaluator(scope: EvalScope()).evaluate(from.body.attribute(k)!.expression))?.known?.numberValue.map { Int($0) } }
                return n("line").flatMap { l in n("column").map { (l, $0) } }
            }
            var got: (Int, Int, String)?
            var decoded = Value.null
            do {
                let text = try DocumentLoader.readText(file)
                let body = file.hasSuffix(".json") ? try HCLJSON.parse(text, file: file) : try HCLParser.parse(text, file: file)
                decoded = try HCLDec.decode(body, spec: spec)
            } catch let e as BulwarkError {
                got = (e.location?.line ?? 0, e.location?.column ?? 0, e.message)
            } catch let f as HCLDec.Failure {
                got = (f.line, f.column, f.message)
            }
            if let (line, column) = expectedError {
                guard let got else { return (false, "expected an error at \(line):\(column), got none") }
                return (got.0 == line && got.1 == column, "error at \(got.0):\(got.1) (\(got.2)), expected \(line):\(column)")
            }
            if let got { return (false, "unexpected error at \(got.0):\(got.1): \(got.2)") }
            guard let result = t.attribute("result") else { return (true, "") }
            guard case .known(let want) = try ExpressionEvaluator(scope: EvalScope()).evaluate(result.expression) else { return (false, "result is unknown") }
            return HCLDec.same(decoded, want) ? (true, "") : (false, "decoded \(decoded.jsonString()), expected \(want.jsonString())")
        } catch {
            return (false, "\(error)")
        }
    }
}
