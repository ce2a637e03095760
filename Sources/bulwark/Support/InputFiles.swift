import BulwarkCore
import BulwarkFormats
import Foundation

/// Turns the paths a user typed into files: directories are walked (hidden folders
/// such as `.kyverno-test` included, `.git` and build folders not), symlink loops are
/// cut, and a missing path is a usage error.
enum InputFiles {
    static let skippedDirectories: Set<String> = [".git", ".build", "node_modules", "vendor", ".terraform"]

    static func expand(_ paths: [String], extensions: Set<String> = ["yaml", "yml", "json"], skipping: Set<String> = skippedDirectories) throws -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                throw BulwarkError(.usage, "\(path): no such file or directory")
            }
            if !isDir.boolValue {
                out.append(path)
                continue
            }
            var visited = Set<String>()
            walk(path, extensions: extensions, skipping: skipping, visited: &visited, into: &out)
        }
        return out
    }

    static func find(named name: String, under paths: [String]) throws -> [String] {
        var out: [String] = []
        for path in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw BulwarkError(.usage, "\(path): no such file or directory")
            }
            if !isDir.boolValue { out.append(path); continue }
            var visited = Set<String>()
            var all: [String] = []
            walk(path, extensions: nil, skipping: skippedDirectories, visited: &visited, into: &all)
            out += all.filter { ($0 as NSString).lastPathComponent == name }
        }
        return out
    }

    private static func walk(_ dir: String, extensions: Set<String>?, skipping: Set<String>, visited: inout Set<String>, into out: inout [String]) {
        let real = (dir as NSString).resolvingSymlinksInPath
        guard visited.insert(real).inserted else { return }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        for entry in entries.sorted() {
            let full = (dir as NSString).appendingPathComponent(entry)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDir) else { continue }
            if isDir.boolValue {
                if !skipping.contains(entry) { walk(full, extensions: extensions, skipping: skipping, visited: &visited, into: &out) }
            } else if extensions == nil || extensions!.contains((entry as NSString).pathExtension.lowercased()) {
                out.append(full)
            }
        }
    }

    /// Resolves `path` relative to the directory of `base`.
    static func relative(_ path: String, to base: String) -> String {
        if path.hasPrefix("/") { return path }
        let dir = (base as NSString).deletingLastPathComponent
        return ((dir.isEmpty ? "." : dir) as NSString).appendingPathComponent(path)
    }

    /// Loads every document of every file, collecting parse errors instead of stopping.
    static func documents(_ files: [String], errors: inout [BulwarkError]) -> [Document] {
        var out: [Document] = []
        for f in files {
            do { out += try DocumentLoader.load(path: f) } catch let e as BulwarkError {
                errors.append(e)
            } catch {
                errors.append(BulwarkError(.parse, "\(error)", at: SourceSpan(file: f, line: 1, column: 1)))
            }
        }
        return out
    }
}
