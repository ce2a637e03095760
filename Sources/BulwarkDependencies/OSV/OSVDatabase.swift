import BulwarkCore
import BulwarkFormats
import Foundation
import ZIPFoundation
#if canImport(Glibc)
import Glibc
#endif

/// An offline OSV database: a directory of OSV JSON records (one per file, any depth) and
/// OSV's per-ecosystem `all.zip` exports (read in place), indexed by ecosystem and package name. The index is cached beside the records
/// (`.bulwark-osv-index.json`) and rebuilt when the set of files, their sizes or times change.
public struct OSVDatabase: Sendable {
    public private(set) var records: [OSVRecord] = []
    /// "ecosystem\u{1F}normalised name" → record indices.
    var index: [String: [Int]] = [:]
    /// Records that could not be read: (file, message). Reported, never fatal.
    public internal(set) var problems: [(String, String)] = []
    public internal(set) var fromCache = false

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

    public static func load(directory: String) throws -> OSVDatabase {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            throw BulwarkError(.usage, "\(directory): not a directory of OSV records")
        }
        var files = OSVDatabase.listFiles(directory).filter { ($0.hasSuffix(".json") || $0.hasSuffix(".zip")) && !$0.hasSuffix(".bulwark-osv-index.json") }
        files.sort()
        // The cache is valid while every file keeps its name, size and modification time.
        let stampHex = Fingerprint.hex(files.map { rel in
            var st = stat()
            return stat(directory + "/" + rel, &st) == 0 ? "\(rel):\(st.st_size):\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)" : rel
        }.joined(separator: "\n"))
        let cachePath = directory + "/.bulwark-osv-index.json"
        if let text = try? DocumentLoader.readText(cachePath), let db = OSVCache.decode(text, stamp: stampHex) {
            return db
        }
        let results = ParallelMap.map(files, minimum: 2) { OSVDatabase.read(directory: directory, rel: $0) }
        var records: [OSVRecord] = []
        var problems: [(String, String)] = []
        for (r, p) in results {
            records += r
            problems += p
        }
        var db = OSVDatabase(records: records)
        db.problems = problems
        try? OSVCache.encode(db, stamp: stampHex).write(toFile: cachePath, atomically: true, encoding: .utf8)
        return db
    }

    /// Relative paths of all regular files below `root` (readdir: FileManager's enumerator was a
    /// fifth of a cached load over 50,000 records).
    static func listFiles(_ root: String) -> [String] {
        var out: [String] = []
        var stack: [String] = [""]
        while let rel = stack.popLast() {
            guard let dir = opendir(rel.isEmpty ? root : root + "/" + rel) else { continue }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafePointer(to: entry.pointee.d_name) { $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) } }
                if name == "." || name == ".." { continue }
                let path = rel.isEmpty ? name : rel + "/" + name
                switch Int32(entry.pointee.d_type) {
                case Int32(DT_DIR): stack.append(path)
                case Int32(DT_REG): out.append(path)
                default:
                    var st = stat()
                    if stat(root + "/" + path, &st) == 0 {
                        if (st.st_mode & S_IFMT) == S_IFDIR { stack.append(path) } else if (st.st_mode & S_IFMT) == S_IFREG { out.append(path) }
                    }
                }
            }
        }
        return out
    }

    /// Records in one file (a record or a list of them) or in an `all.zip` export, and what could not be read.
    static func read(directory: String, rel: String) -> ([OSVRecord], [(String, String)]) {
        var records: [OSVRecord] = []
        var problems: [(String, String)] = []
        func add(_ text: String, _ name: String) {
            do {
                let value = try JSONParser.parse(text, file: name).value
                for v in value.arrayValue ?? [value] { records.append(try OSVRecord.parse(v, file: name)) }
            } catch let err as BulwarkError {
                problems.append((name, err.description))
            } catch {
                problems.append((name, "\(error)"))
            }
        }
        if rel.hasSuffix(".zip") {
            do {
                let archive = try Archive(url: URL(fileURLWithPath: directory + "/" + rel), accessMode: .read)
                for entry in archive where entry.type == .file && entry.path.hasSuffix(".json") {
                    var data = Data()
                    do {
                        _ = try archive.extract(entry) { data.append($0) }
                        add(String(decoding: data, as: UTF8.self), rel + ":" + entry.path)
                    } catch {
                        problems.append((rel + ":" + entry.path, "\(error)"))
                    }
                }
            } catch {
                problems.append((rel, "not a readable zip archive: \(error)"))
            }
        } else {
            do { add(try DocumentLoader.readText(directory + "/" + rel), rel) } catch let err as BulwarkError {
                problems.append((rel, err.description))
            } catch {
                problems.append((rel, "\(error)"))
            }
        }
        return (records, problems)
    }

}

/// The index cache: the records reduced to what matching needs, as compact JSON read with
/// Bulwark's own parser (Foundation's JSONDecoder was slower than reading the records again).
enum OSVCache {
    static let format = "bulwark-osv-cache/1"

    static func encode(_ db: OSVDatabase, stamp: String) -> String {
        func s(_ x: String?) -> Value { x.map(Value.string) ?? .null }
        let records: [Value] = db.records.map { r in
            .array([.string(r.id), .array(r.aliases.map(Value.string)), .string(r.summary), .bool(r.withdrawn), .array(r.cvss.map(Value.string)),
                    s(r.labelledSeverity),
                    .array(r.affected.map { a in
                        .array([.string(a.ecosystem), .string(a.name), .array(a.versions.map(Value.string)),
                                .array(a.ranges.map { rg in
                                    .array([.string(rg.type), .array(rg.events.map { e in .array([s(e.introduced), s(e.fixed), s(e.lastAffected), s(e.limit)]) })])
                                })])
                    })])
        }
        let root = Value.object(Object([("format", .string(format)), ("stamp", .string(stamp)), ("records", .array(records)),
                                        ("problems", .array(db.problems.map { .array([.string($0.0), .string($0.1)]) }))]))
        return root.jsonString()
    }

    static func decode(_ text: String, stamp: String) -> OSVDatabase? {
        guard let root = try? JSONParser.parseValue(text), root["format"]?.stringValue == format,
              root["stamp"]?.stringValue == stamp, let list = root["records"]?.arrayValue else { return nil }
        func strs(_ v: Value) -> [String] { v.arrayValue?.compactMap(\.stringValue) ?? [] }
        var records: [OSVRecord] = []
        records.reserveCapacity(list.count)
        for v in list {
            guard let a = v.arrayValue, a.count == 7, let id = a[0].stringValue else { return nil }
            let affected: [OSVRecord.Affected] = (a[6].arrayValue ?? []).compactMap { x in
                guard let f = x.arrayValue, f.count == 4, let eco = f[0].stringValue, let name = f[1].stringValue else { return nil }
                let ranges: [OSVRecord.Range] = (f[3].arrayValue ?? []).compactMap { r in
                    guard let rr = r.arrayValue, rr.count == 2 else { return nil }
                    let events = (rr[1].arrayValue ?? []).compactMap { e -> OSVRecord.Event? in
                        guard let ev = e.arrayValue, ev.count == 4 else { return nil }
                        return OSVRecord.Event(introduced: ev[0].stringValue, fixed: ev[1].stringValue, lastAffected: ev[2].stringValue, limit: ev[3].stringValue)
                    }
                    return OSVRecord.Range(type: rr[0].stringValue ?? "", events: events)
                }
                return OSVRecord.Affected(ecosystem: eco, name: name, ranges: ranges, versions: strs(f[2]))
            }
            records.append(OSVRecord(id: id, aliases: strs(a[1]), summary: a[2].stringValue ?? "", withdrawn: a[3].boolValue ?? false,
                                     cvss: strs(a[4]), labelledSeverity: a[5].stringValue, affected: affected))
        }
        var db = OSVDatabase(records: records)
        db.problems = (root["problems"]?.arrayValue ?? []).compactMap { p in
            guard let x = p.arrayValue, x.count == 2, let f = x[0].stringValue, let m = x[1].stringValue else { return nil }
            return (f, m)
        }
        db.fromCache = true
        return db
    }
}
