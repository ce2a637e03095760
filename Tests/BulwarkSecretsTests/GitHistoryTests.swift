@testable import BulwarkSecrets
import Foundation
import Testing

/// History modes against a real repository built in a temporary directory.
@Suite struct GitHistoryTests {
    let dir = NSTemporaryDirectory() + "bulwark-git-\(UUID().uuidString)"
    static let tokenA = ExamplePlaceholders.expand("ghp_{{alnum:36}}", seed: 1)
    static let tokenB = ExamplePlaceholders.expand("glpat-{{b64url:20}}", seed: 2)

    func git(_ args: String...) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-C", dir, "-c", "user.name=Dev", "-c", "user.email=dev@acme.dev", "-c", "commit.gpgsign=false"] + args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw CocoaError(.fileReadUnknown) }
    }

    func write(_ path: String, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: (dir + "/" + path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: dir + "/" + path, atomically: true, encoding: .utf8)
    }

    func scanner() throws -> GitHistoryScanner {
        GitHistoryScanner(scanner: SecretFileScanner(engine: SecretEngine(config: try SecretConfig.bundled())))
    }

    @Test func historyRangeAndStaged() throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try git("init", "-q")
        try write("app.py", "x = 1\n")
        try git("add", "."); try git("commit", "-qm", "base")
        try git("tag", "base")
        try write("app.py", "x = 1\nTOKEN = \"\(Self.tokenA)\"\n")
        try git("add", "."); try git("commit", "-qm", "add token")
        try write("app.py", "# edited\nx = 1\nTOKEN = \"\(Self.tokenA)\"\n")
        try git("add", "."); try git("commit", "-qm", "edit, token still there")
        try write("app.py", "# edited\nx = 1\n")
        try git("add", "."); try git("commit", "-qm", "remove token")

        let all = try scanner().scanAll(repo: dir)
        #expect(all.commits == 4)
        #expect(all.findings.count == 1, "the token in two blobs is one finding")
        let f = try #require(all.findings.first)
        #expect(f.hit.ruleID == "github-pat" && f.path == "app.py" && f.hit.line == 2)
        #expect(f.commit?.author == "Dev")

        let range = try scanner().scanRange(repo: dir, since: "base")
        #expect(range.findings.map { "\($0.path):\($0.hit.line)" } == ["app.py:2"])
        #expect(try scanner().scanRange(repo: dir, since: "HEAD~1").findings.isEmpty, "only added lines count")

        try write("ci/deploy.sh", "curl -H \"PRIVATE-TOKEN: \(Self.tokenB)\" https://gitlab.acme.dev\n")
        try git("add", "ci/deploy.sh")
        let staged = try scanner().scanStaged(repo: dir)
        #expect(staged.findings.map { "\($0.hit.ruleID)@\($0.path):\($0.hit.line)" } == ["gitlab-pat@ci/deploy.sh:1"])
        #expect(staged.findings.first?.commit == nil)
    }

    @Test func notARepositoryIsAClearError() throws {
        #expect(throws: (any Error).self) { try scanner().scanAll(repo: "/nonexistent-\(UUID().uuidString)") }
    }
}
