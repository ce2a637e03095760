import BulwarkCore
import Foundation

/// What a file is, decided by name first and content second.
public enum FileKind: String, Sendable {
    case kubernetes, dockerfile, workflow, config, terraform, tfvars
    /// No parser claims it; only the secret scan reads it.
    case other
}

/// A file the scan will read.
public struct DiscoveredFile: Sendable {
    public var path: String
    /// Relative to the scan root, `/`-separated: what globs, baselines and reports use.
    public var relativePath: String
    public var kind: FileKind
}

/// Walks the scan roots: skips VCS and dependency folders and what `.gitignore` ignores,
/// applies include/exclude globs, survives symlink loops and unreadable folders.
public enum Discovery {
    public static let skippedDirectories: Set<String> = [".git", ".build", "node_modules", "vendor", ".terraform", ".venv", "__pycache__"]

    public static func classify(name: String, relativePath: String) -> FileKind? {
        let lower = name.lowercased()
        if lower == "dockerfile" || lower == "containerfile" || lower.hasSuffix(".dockerfile") || lower.hasPrefix("dockerfile.") || lower.hasPrefix("containerfile.") {
            return .dockerfile
        }
        if (lower.hasSuffix(".yml") || lower.hasSuffix(".yaml")), relativePath.contains(".github/workflows/") { return .workflow }
        if name == ".bulwark.yaml" || relativePath.hasPrefix(".bulwark/") { return .config }
        if lower.hasSuffix(".tf") || lower.hasSuffix(".tf.json") { return .terraform }
        if lower == "terraform.tfvars" || lower.hasSuffix(".auto.tfvars") || lower == "terraform.tfvars.json" || lower.hasSuffix(".auto.tfvars.json") { return .tfvars }
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json") { return .kubernetes }
        return nil
    }

    /// `everything`: also return files no parser claims (as `.other`), for the secret scan.
    public static func walk(root: String, config: ScanConfig, everything: Bool = false) -> [DiscoveredFile] {
        var out: [DiscoveredFile] = []
        var visited = Set<String>()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDir) else { return [] }
        if !isDir.boolValue {
            let name = (root as NSString).lastPathComponent
            if let kind = classify(name: name, relativePath: root) ?? (everything ? .other : nil) {
                out.append(DiscoveredFile(path: root, relativePath: root, kind: kind))
            }
            return out
        }
        walk(root, relative: "", root: root, ignores: [], config: config, everything: everything, visited: &visited, into: &out)
        return out.sorted { $0.relativePath < $1.relativePath }
    }

    private static func walk(_ dir: String, relative: String, root: String, ignores: [(String, IgnoreRules)], config: ScanConfig,
                             everything: Bool, visited: inout Set<String>, into out: inout [DiscoveredFile]) {
        let real = (dir as NSString).resolvingSymlinksInPath
        guard visited.insert(real).inserted else { return }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        var ignores = ignores
        if let text = try? String(contentsOfFile: dir + "/.gitignore", encoding: .utf8) { ignores.append((relative, IgnoreRules(text))) }
        for entry in entries.sorted() {
            let full = dir + "/" + entry
            let rel = relative.isEmpty ? entry : relative + "/" + entry
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDir) else { continue }
            let directory = isDir.boolValue
            if directory && skippedDirectories.contains(entry) { continue }
            if isIgnored(rel, directory: directory, ignores) { continue }
            if config.exclude.contains(where: { $0.matches(rel, isDirectory: directory) }) { continue }
            if directory {
                walk(full, relative: rel, root: root, ignores: ignores, config: config, everything: everything, visited: &visited, into: &out)
                continue
            }
            guard let kind = classify(name: entry, relativePath: rel) ?? (everything ? .other : nil) else { continue }
            if kind != .config, !config.include.isEmpty, !config.include.contains(where: { $0.matches(rel) }) { continue }
            out.append(DiscoveredFile(path: full, relativePath: rel, kind: kind))
        }
    }

    private static func isIgnored(_ rel: String, directory: Bool, _ ignores: [(String, IgnoreRules)]) -> Bool {
        for (base, rules) in ignores {
            let sub = base.isEmpty ? rel : (rel.hasPrefix(base + "/") ? String(rel.dropFirst(base.count + 1)) : nil)
            if let sub, rules.ignores(sub, isDirectory: directory) { return true }
        }
        return false
    }
}
