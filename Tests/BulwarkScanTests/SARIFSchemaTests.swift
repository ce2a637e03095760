import BulwarkCore
import BulwarkReport
import BulwarkScan
import BulwarkTestSupport
import Foundation
import Testing

/// The SARIF we emit for the examples repository validates against the official
/// SARIF 2.1.0 schema (kept in ../shared/schemas), checked with Python's jsonschema.
@Suite("SARIF schema")
struct SARIFSchemaTests {
    static var schema: String { SharedCorpus.root.replacingOccurrences(of: "/conformance", with: "/schemas/sarif-schema-2.1.0.json") }

    static var available: Bool {
        guard FileManager.default.fileExists(atPath: schema) else { return false }
        return run(["python3", "-c", "import jsonschema"]) == 0
    }

    @discardableResult
    static func run(_ args: [String]) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }

    @Test("SARIF for the examples repository validates", .enabled(if: available))
    func validates() throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let examples = url.appendingPathComponent("examples").path
        var options = RepositoryScanner.Options()
        options.config = try ScanConfig.parse(try String(contentsOfFile: examples + "/.bulwark.yaml", encoding: .utf8), file: ".bulwark.yaml")
        let result = RepositoryScanner(options: options).scan([examples])
        #expect(result.findings.count > 10)
        let input = ReportInput(findings: result.findings, unparsed: [], filesScanned: result.filesScanned, sources: result.sources,
                                rules: [:], failOn: .high, toolVersion: "0.1.0")
        let file = NSTemporaryDirectory() + "bulwark-\(UUID().uuidString).sarif"
        try ReportFormat.sarif.renderer().render(input).write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(Self.run(["python3", url.appendingPathComponent(".ci/validate-sarif.py").path, Self.schema, file]) == 0)
        // And a deliberately broken document is rejected, so the check can fail.
        try #"{"version": "2.1.0", "runs": [{"results": []}]}"#.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(Self.run(["python3", url.appendingPathComponent(".ci/validate-sarif.py").path, Self.schema, file]) != 0)
    }
}
