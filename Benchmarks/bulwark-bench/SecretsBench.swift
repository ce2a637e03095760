import BulwarkSecrets
import Dispatch
import Foundation

/// `bulwark-bench secrets DIR [CONFIG.toml]`: the secret engine alone on one core, split into
/// the keyword pass and the full engine, so a regression shows where it is.
func runSecrets(_ dir: String, config path: String?) throws {
    let config = try path.map { try SecretConfig.load(path: $0) } ?? SecretConfig.bundled()
    let engine = SecretEngine(config: config)
    var files: [(String, [UInt8])] = []
    let e = FileManager.default.enumerator(atPath: dir)
    while let rel = e?.nextObject() as? String {
        var isDir: ObjCBool = false
        let full = dir + "/" + rel
        if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue, let d = FileManager.default.contents(atPath: full) {
            files.append((rel, Array(d)))
        }
    }
    let total = files.reduce(0) { $0 + $1.1.count }
    let mb = Double(total) / 1_048_576
    print("\(files.count) files, \(String(format: "%.1f", mb)) MB, \(config.rules.count) rules, \(engine.anchoredRuleCount) anchored on keywords, \(engine.shapedRuleCount) with an assignment pre-check")
    let matcher = PCREMatcher()
    var keywordHits = 0
    var buffer: [(keyword: Int32, end: Int32)] = []
    let automaton = engine.automatonForBenchmarks
    var t = now()
    for (_, bytes) in files {
        bytes.withUnsafeBufferPointer { b in automaton.collect(b, into: &buffer) }
        keywordHits += buffer.count
    }
    let acNs = now() - t
    var found = 0
    t = now()
    for (rel, bytes) in files {
        found += bytes.withUnsafeBufferPointer { engine.scan($0, path: rel, matcher: matcher) }.count
    }
    let fullNs = now() - t
    func rate(_ ns: UInt64) -> String { String(format: "%.0f MB/s", mb / (Double(ns) / 1e9)) }
    print("keyword pass: \(ms(acNs)) (\(rate(acNs)) on one core), \(keywordHits) keyword hits (\(keywordHits / max(1, Int(mb))) per MB)")
    print("full engine:  \(ms(fullNs)) (\(rate(fullNs)) on one core), \(found) secrets")
}

/// `bulwark-bench secrets-keywords DIR`: which keywords fire most (they set the engine's cost).
func runSecretKeywordHistogram(_ dir: String) throws {
    let engine = SecretEngine(config: try SecretConfig.bundled())
    let automaton = engine.automatonForBenchmarks
    var counts = [Int](repeating: 0, count: automaton.keywords.count)
    var buffer: [(keyword: Int32, end: Int32)] = []
    let e = FileManager.default.enumerator(atPath: dir)
    while let rel = e?.nextObject() as? String {
        guard let d = FileManager.default.contents(atPath: dir + "/" + rel) else { continue }
        Array(d).withUnsafeBufferPointer { automaton.collect($0, into: &buffer) }
        for h in buffer { counts[Int(h.keyword)] += 1 }
    }
    for k in counts.indices.sorted(by: { counts[$0] > counts[$1] }).prefix(25) {
        print(String(decoding: automaton.keywords[k], as: UTF8.self), counts[k])
    }
}
