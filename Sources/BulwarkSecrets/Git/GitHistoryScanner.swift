import BulwarkCore
import Foundation

/// Secrets in a repository's history, each attributed to the commit that introduced it.
///
/// `scanAll`: every blob reachable from any ref is read once (deduplicated by blob id), in
/// topological order from the oldest commit, so the first commit to add a blob is known;
/// a finding is identified by rule + path + secret hash and keeps its earliest commit, so a
/// secret carried through later edits of the file is reported once, where it arrived.
/// `scanRange` and `scanStaged` read only added lines (`git log -p` / `git diff --cached`).
public struct GitHistoryScanner: Sendable {
    public let scanner: SecretFileScanner

    public init(scanner: SecretFileScanner) { self.scanner = scanner }

    public struct Commit: Sendable, Hashable {
        public var id: String
        public var author: String
        public var email: String
        public var date: String
    }

    public struct Finding: Sendable {
        public var hit: SecretHit
        public var path: String
        /// nil for staged changes (not yet committed).
        public var commit: Commit?
    }

    public struct Result: Sendable {
        public var findings: [Finding] = []
        public var commits = 0
        public var blobs = 0
        public var bytes = 0
        public var skipped: [(path: String, reason: SecretSkipReason)] = []
    }

    static let header = "%x01%H%x02%an%x02%ae%x02%aI"

    public func scanAll(repo: String) throws -> Result {
        let log = try Git.run(["-C", repo, "log", "--all", "--reverse", "--topo-order", "-m", "--raw", "--no-abbrev", "--no-renames",
                               "--no-color", "--format=" + GitHistoryScanner.header])
        // First commit and path for each blob, in history order.
        var order: [(blob: String, path: String, commit: Commit)] = []
        var seen = Set<String>()
        var commit: Commit?
        var commits = 0
        for line in log.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.first == "\u{01}" {
                let f = line.dropFirst().split(separator: "\u{02}", omittingEmptySubsequences: false).map(String.init)
                guard f.count == 4 else { continue }
                if commit?.id != f[0] { commits += 1 }
                commit = Commit(id: f[0], author: f[1], email: f[2], date: f[3])
                continue
            }
            // :100644 100644 <old> <new> M\tpath
            guard line.first == ":", let c = commit, let tab = line.firstIndex(of: "\t") else { continue }
            let meta = line[line.index(after: line.startIndex)..<tab].split(separator: " ")
            guard meta.count >= 5, meta[1] != "160000", meta[4] != "D" else { continue }
            let blob = String(meta[3])
            guard !blob.allSatisfy({ $0 == "0" }), seen.insert(blob).inserted else { continue }
            order.append((blob, String(line[line.index(after: tab)...]), c))
        }
        var result = Result()
        result.commits = commits
        result.blobs = order.count
        let contents = try Git.catFileBatch(repo: repo, blobs: order.map(\.blob), maxSize: scanner.limits.maxFileSize)
        let matcher = PCREMatcher()
        var reported = Set<String>()
        for item in order {
            guard let bytes = contents[item.blob] else {
                result.skipped.append((item.path, .tooLarge(-1)))
                continue
            }
            let r = scanner.scanBlob(bytes, relativePath: item.path, commit: item.commit.id, matcher: matcher)
            if let s = r.skipped { result.skipped.append((item.path, s)) }
            result.bytes += r.bytesScanned
            for hit in r.hits {
                // The first commit to carry a secret (rule + path + hash) introduced it.
                if reported.insert(hit.fingerprint(path: item.path)).inserted {
                    result.findings.append(Finding(hit: hit, path: item.path, commit: item.commit))
                }
            }
        }
        return result
    }

    /// Added lines of the commits in `since..HEAD`.
    public func scanRange(repo: String, since: String) throws -> Result {
        let patch = try Git.run(["-C", repo, "log", "\(since)..HEAD", "--reverse", "-p", "-U0", "--no-color", "--no-renames", "-m", "--first-parent",
                                 "--format=" + GitHistoryScanner.header])
        return scanPatch(patch)
    }

    /// Added lines of the staged changes: the pre-commit check.
    public func scanStaged(repo: String) throws -> Result {
        let patch = try Git.run(["-C", repo, "diff", "--cached", "-U0", "--no-color", "--no-renames"])
        return scanPatch(patch)
    }

    /// Scans the added lines of a unified diff, file by file; line numbers are the new file's.
    func scanPatch(_ patch: String) -> Result {
        var result = Result()
        let matcher = PCREMatcher()
        var commit: Commit?
        var path: String?
        var added: [UInt8] = []
        var lineMap: [Int] = []
        var newLine = 0
        var seen = Set<String>()
        func flush() {
            defer { added.removeAll(keepingCapacity: true); lineMap.removeAll(keepingCapacity: true) }
            guard let p = path, !added.isEmpty else { return }
            let r = scanner.scanBlob(added, relativePath: p, commit: commit?.id, matcher: matcher)
            result.bytes += r.bytesScanned
            for var hit in r.hits {
                hit.line = lineMap[min(lineMap.count - 1, hit.line - 1)]
                hit.endLine = lineMap[min(lineMap.count - 1, hit.endLine - 1)]
                guard seen.insert(hit.fingerprint(path: p)).inserted else { continue }
                result.findings.append(Finding(hit: hit, path: p, commit: commit))
            }
        }
        for raw in patch.split(separator: "\n", omittingEmptySubsequences: false) {
            if raw.first == "\u{01}" {
                flush()
                path = nil
                let f = raw.dropFirst().split(separator: "\u{02}", omittingEmptySubsequences: false).map(String.init)
                if f.count == 4 { commit = Commit(id: f[0], author: f[1], email: f[2], date: f[3]); result.commits += 1 }
            } else if raw.hasPrefix("+++ ") {
                flush()
                let target = raw.dropFirst(4)
                path = target == "/dev/null" ? nil : String(target.hasPrefix("b/") ? target.dropFirst(2) : target)
                if path != nil { result.blobs += 1 }
            } else if raw.hasPrefix("@@ ") {
                // @@ -a,b +c,d @@
                if let plus = raw.split(separator: " ").first(where: { $0.hasPrefix("+") }) {
                    newLine = Int(plus.dropFirst().split(separator: ",").first ?? "0") ?? 0
                }
            } else if raw.hasPrefix("+"), path != nil {
                added += Array(raw.dropFirst().utf8)
                added.append(0x0A)
                lineMap.append(newLine)
                newLine += 1
            } else if raw.hasPrefix("diff --git") {
                flush()
                path = nil
            }
        }
        flush()
        return result
    }
}

/// Runs git; its output is read as it is produced so large histories do not fill a pipe.
enum Git {
    static func run(_ args: [String]) throws -> String {
        let data = try runData(args, input: nil)
        return String(decoding: data, as: UTF8.self)
    }

    static func runData(_ args: [String], input: Data?) throws -> Data {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git"] + args
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input == nil ? FileHandle.nullDevice : inp
        do { try p.run() } catch { throw BulwarkError(.io, "cannot run git: \(error)") }
        if let input {
            DispatchQueue.global().async {
                inp.fileHandleForWriting.write(input)
                try? inp.fileHandleForWriting.close()
            }
        }
        let errBox = DataBox()
        let errThread = Thread { errBox.data = err.fileHandleForReading.readDataToEndOfFile() }
        errThread.start()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        while errBox.data == nil { usleep(1000) }
        guard p.terminationStatus == 0 else {
            let message = String(decoding: errBox.data ?? Data(), as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "exit \(p.terminationStatus)"
            throw BulwarkError(.io, "git \(args.filter { !$0.hasPrefix("--format") }.joined(separator: " ")): \(message)")
        }
        return data
    }

    /// Blob contents by id via one `git cat-file --batch`; blobs over `maxSize` (if > 0) are left out.
    static func catFileBatch(repo: String, blobs: [String], maxSize: Int) throws -> [String: [UInt8]] {
        guard !blobs.isEmpty else { return [:] }
        let input = Data((blobs.joined(separator: "\n") + "\n").utf8)
        let data = try runData(["-C", repo, "cat-file", "--batch"], input: input)
        var out: [String: [UInt8]] = [:]
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let b = raw.bindMemory(to: UInt8.self)
            var i = 0
            while i < b.count {
                var j = i
                while j < b.count, b[j] != 0x0A { j += 1 }
                let header = String(decoding: b[i..<j], as: UTF8.self).split(separator: " ")
                i = j + 1
                guard header.count == 3, let size = Int(header[2]) else { continue }
                let end = min(b.count, i + size)
                if maxSize <= 0 || size <= maxSize { out[String(header[0])] = Array(b[i..<end]) }
                i = end + 1
            }
        }
        return out
    }
}

final class DataBox: @unchecked Sendable { var data: Data? }
