import Foundation

/// Locates `../shared/conformance` beside the repository, where CI and developers keep
/// upstream suites as data. Tests that need it are disabled when it is absent.
public enum SharedCorpus {
    public static let root: String = {
        // Tests/BulwarkTestSupport/SharedCorpus.swift → the repository root, then its sibling.
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent().appendingPathComponent("shared/conformance").path
    }()

    public static func path(_ sub: String) -> String { root + "/" + sub }
    public static func exists(_ sub: String) -> Bool { FileManager.default.fileExists(atPath: path(sub)) }
}
