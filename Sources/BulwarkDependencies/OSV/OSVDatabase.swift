import BulwarkCore
import BulwarkFormats
import Foundation
import ZIPFoundation

/// An offline OSV database: a directory of OSV JSON records (one per file, any depth) and
/// OSV's per-ecosystem `all.zip` exports (read in place), indexed by ecosystem and package name. The index is cached beside the records
/// (`.bulwark-osv-index.json`) and rebuilt when the set of files, their sizes or times change.
public struct OSVDatabase: Sendable {
    public private(set) var records: [OSVRecord] = []
    /// "ecosystem\u{1F}normalised name" → record indices.
    var index: [String: [Int]] = [:]
    /// Records that could not be read: (file, message). Reported, never fatal.
    public private(set) var problems: [(String, String)] = []
    public private(set) var fromCache = false

    public init(records: [OSVRecord]) {
        self.records = records
        rebuildIndex()
    }

    mutating func rebuildIndex() {
        index = [:]
        for (n, r) in records.enumerated() where !r.withdrawn {
            for a in r.affected {
                let eco = String(a.ecosystem.split(separator: ":").first ?? "")
                guard let e = Ecosystem(rawValue: eco) else { continue }
                index[OSVDatabase.key(e, a.name), default: []].append(n)
            }
        }
        for k in index.keys { index[k] = Array(Set(index[k]!)).sorted() }
    }

    static func key(_ e: Ecosystem, _ name: String) -> String { e.rawValue + "\u{1F}" + e.normalize(name) }

    public func advisories(ecosystem: Ecosystem, name: String) -> [OSVRecord] {
        (index[OSVDatabase.key(ecosystem, name)] ?? []).map { records[$0] }
    }

    struct Cache: Codable {
        var stamp: String
        var records: [OSVRecord]
        var problems: [[String]]
    }

    public static func load(directory: String) throws -> OSVDatabase {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            throw BulwarkError(.usage, "\(directory): not a directory of OSV records")
        }
        var files: [String] = []
        var stamp = ""
        let e = FileManager.default.enumerator(atPath: directory)
        while let rel = e?.nextObject() as? String {
            guard rel.hasSuffix(".json") || rel.hasSuffix(".zip"), !rel.hasSuffix(".bulwark-osv-index.json") else { continue }
            files.append(rel)
        }
        files.sort()
        for rel in files {
            let a = try? FileManager.default.attributesOfItem(atPath: directory + "/" + rel)
            stamp += "\(rel):\((a?[.size] as? Int) ?? 0):\(((a?[.modificationDate] as? Date)?.timeIntervalSince1970) ?? 0)\n"
        }
        let stampHash = String(stamp.hashValueStable, radix: 16)
        let cachePath = directory + "/.bulwark-osv-index.json"
        if let data = FileManager.default.contents(atPath: cachePath), let cache = try? JSONDecoder().decode(Cache.self, from: data), cache.stamp == stampHash {
            var db = OSVDatabase(records: cache.records)
            db.problems = cache.problems.map { ($0[0], $0[1]) }
            db.fromCache = true
            return db
        }
        var records: [OSVRecord] = []
        var problems: [(String, String)] = []
        func add(_ text: String, _ rel: String) throws {
            let value = try JSONParser.parse(text, file: rel).value
            for v in value.arrayValue ?? [value] { records.append(try OSVRecord.parse(v, file: rel)) }
        }
        for rel in files where rel.hasSuffix(".zip") {
            do {
                let archive = try Archive(url: URL(fileURLWithPath: directory + "/" + rel), accessMode: .read)
                for entry in archive where entry.type == .file && entry.path.hasSuffix(".json") {
                    var data = Data()
                    do {
                        _ = try archive.extract(entry) { data.append($0) }
                        try add(String(decoding: data, as: UTF8.self), rel + ":" + entry.path)
                    } catch let err as BulwarkError {
                        problems.append((rel + ":" + entry.path, err.description))
                    } catch {
                        problems.append((rel + ":" + entry.path, "\(error)"))
                    }
                }
            } catch {
                problems.append((rel, "not a readable zip archive: \(error)"))
            }
        }
        for rel in files where rel.hasSuffix(".json") {
            do {
                let text = try DocumentLoader.readText(directory + "/" + rel)
                // A file may hold one record or a list of them.
                try add(text, rel)
            } catch let err as BulwarkError {
                problems.append((rel, err.description))
            } catch {
                problems.append((rel, "\(error)"))
            }
        }
        var db = OSVDatabase(records: records)
        db.problems = problems
        if let data = try? JSONEncoder().encode(Cache(stamp: stampHash, records: records, problems: problems.map { [$0.0, $0.1] })) {
            try? data.write(to: URL(fileURLWithPath: cachePath))
        }
        return db
    }
}

extension String {
    /// FNV-1a: stable across processes, unlike `hashValue`.
    var hashValueStable: UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in utf8 { h ^= UInt64(b); h = h &* 0x100_0000_01b3 }
        return h
    }
}
