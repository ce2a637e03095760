import BulwarkCore
import Foundation

/// The parts of an OSV record (https://ossf.github.io/osv-schema/) that matching needs.
public struct OSVRecord: Sendable, Codable {
    public struct Event: Sendable, Codable {
        public var introduced: String?
        public var fixed: String?
        public var lastAffected: String?
        public var limit: String?
    }

    public struct Range: Sendable, Codable {
        /// SEMVER, ECOSYSTEM or GIT (GIT ranges need commit history and are not evaluated).
        public var type: String
        public var events: [Event]
    }

    public struct Affected: Sendable, Codable {
        public var ecosystem: String
        public var name: String
        public var ranges: [Range]
        public var versions: [String]
    }

    public var id: String
    public var aliases: [String]
    public var summary: String
    public var withdrawn: Bool
    /// CVSS vectors as given (`CVSS:3.1/AV:N/...`).
    public var cvss: [String]
    /// `database_specific.severity` (GitHub's label), the fallback when no CVSS v3 vector is given.
    public var labelledSeverity: String?
    public var affected: [Affected]

    /// Reads one record; `file` positions errors.
    public static func parse(_ value: Value, file: String) throws -> OSVRecord {
        guard case .object = value, let id = value["id"]?.stringValue, !id.isEmpty else {
            throw BulwarkError(.schema, "not an OSV record (no \"id\")", at: SourceSpan(file: file, line: 1, column: 1))
        }
        func strings(_ v: Value?) -> [String] { v?.arrayValue?.compactMap(\.stringValue) ?? [] }
        var affected: [Affected] = []
        for a in value["affected"]?.arrayValue ?? [] {
            guard let eco = a["package"]?["ecosystem"]?.stringValue, let name = a["package"]?["name"]?.stringValue else { continue }
            var ranges: [Range] = []
            for r in a["ranges"]?.arrayValue ?? [] {
                let events = (r["events"]?.arrayValue ?? []).map {
                    Event(introduced: $0["introduced"]?.stringValue, fixed: $0["fixed"]?.stringValue,
                          lastAffected: $0["last_affected"]?.stringValue, limit: $0["limit"]?.stringValue)
                }
                ranges.append(Range(type: r["type"]?.stringValue ?? "", events: events))
            }
            affected.append(Affected(ecosystem: eco, name: name, ranges: ranges, versions: strings(a["versions"])))
        }
        let cvss = (value["severity"]?.arrayValue ?? []).compactMap { $0["score"]?.stringValue }
        return OSVRecord(id: id, aliases: strings(value["aliases"]), summary: value["summary"]?.stringValue ?? "",
                         withdrawn: value["withdrawn"]?.stringValue != nil, cvss: cvss,
                         labelledSeverity: value["database_specific"]?["severity"]?.stringValue, affected: affected)
    }

    /// Severity from the highest CVSS v3 base score, else the database's label, else medium.
    public var severity: Severity {
        if let score = cvss.compactMap(CVSS3.baseScore).max() {
            return score >= 9 ? .critical : score >= 7 ? .high : score >= 4 ? .medium : score > 0 ? .low : .info
        }
        switch labelledSeverity?.lowercased() {
        case "critical": return .critical
        case "high": return .high
        case "low": return .low
        default: return .medium
        }
    }

    /// Whether `version` of the package is affected, following the OSV spec's evaluation.
    /// nil when a range could not be evaluated (an unparsable version): reported, not guessed.
    public func affects(ecosystem: Ecosystem, name: String, version: String) -> Bool? {
        var undecided = false
        for a in affected where a.ecosystem.split(separator: ":").first.map(String.init) == ecosystem.rawValue
            && ecosystem.normalize(a.name) == ecosystem.normalize(name) {
            if a.versions.contains(version) { return true }
            for r in a.ranges where r.type == "SEMVER" || r.type == "ECOSYSTEM" {
                switch OSVRecord.evaluate(r, version: version, ecosystem: ecosystem) {
                case true?: return true
                case nil: undecided = true
                default: break
                }
            }
        }
        return undecided ? nil : false
    }

    /// The spec's algorithm: walk events in version order; `introduced` at or below the version
    /// opens, `fixed` at or below closes, `last_affected` below closes.
    static func evaluate(_ r: Range, version: String, ecosystem: Ecosystem) -> Bool? {
        func cmp(_ a: String, _ b: String) -> Int? { a == "0" ? (b == "0" ? 0 : -1) : b == "0" ? 1 : ecosystem.compare(a, b) }
        var points: [(String, Int)] = []  // (version, kind: 0 introduced, 1 fixed, 2 last_affected)
        for e in r.events {
            if let v = e.introduced { points.append((v, 0)) }
            if let v = e.fixed { points.append((v, 1)) }
            if let v = e.lastAffected { points.append((v, 2)) }
        }
        var failed = false
        points.sort { l, r in
            guard let c = cmp(l.0, r.0) else { failed = true; return false }
            return c < 0 || (c == 0 && l.1 < r.1)
        }
        if failed { return nil }
        var affected = false
        for (v, kind) in points {
            guard let c = cmp(version, v) else { return nil }
            switch kind {
            case 0: if c >= 0 { affected = true }
            case 1: if c >= 0 { affected = false }
            default: if c > 0 { affected = false }
            }
        }
        return affected
    }

    /// The lowest `fixed` version above `version` for the package, for the remediation.
    public func lowestFix(ecosystem: Ecosystem, name: String, above version: String) -> String? {
        var best: String?
        for a in affected where ecosystem.normalize(a.name) == ecosystem.normalize(name) {
            for r in a.ranges {
                for e in r.events {
                    guard let f = e.fixed, let c = ecosystem.compare(f, version), c > 0 else { continue }
                    if let b = best, let d = ecosystem.compare(f, b), d >= 0 { continue }
                    best = f
                }
            }
        }
        return best
    }
}

/// CVSS v3.x base score from a vector, per the FIRST specification's formula.
public enum CVSS3 {
    public static func baseScore(_ vector: String) -> Double? {
        guard vector.hasPrefix("CVSS:3.") else { return nil }
        var m: [String: String] = [:]
        for part in vector.split(separator: "/").dropFirst() {
            let kv = part.split(separator: ":")
            if kv.count == 2 { m[String(kv[0])] = String(kv[1]) }
        }
        guard let av = ["N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2][m["AV"] ?? ""],
              let ac = ["L": 0.77, "H": 0.44][m["AC"] ?? ""],
              let ui = ["N": 0.85, "R": 0.62][m["UI"] ?? ""],
              let s = m["S"], s == "U" || s == "C",
              let c = ["H": 0.56, "L": 0.22, "N": 0.0][m["C"] ?? ""],
              let i = ["H": 0.56, "L": 0.22, "N": 0.0][m["I"] ?? ""],
              let a = ["H": 0.56, "L": 0.22, "N": 0.0][m["A"] ?? ""],
              let prRaw = m["PR"] else { return nil }
        let changed = s == "C"
        guard let pr = (changed ? ["N": 0.85, "L": 0.68, "H": 0.5] : ["N": 0.85, "L": 0.62, "H": 0.27])[prRaw] else { return nil }
        let iss = 1 - (1 - c) * (1 - i) * (1 - a)
        let impact = changed ? 7.52 * (iss - 0.029) - 3.25 * pow(iss - 0.02, 15) : 6.42 * iss
        let exploitability = 8.22 * av * ac * pr * ui
        if impact <= 0 { return 0 }
        let raw = changed ? min(1.08 * (impact + exploitability), 10) : min(impact + exploitability, 10)
        return roundUp(raw)
    }

    /// The specification's Roundup: smallest one-decimal number ≥ x, robust to float error.
    static func roundUp(_ x: Double) -> Double {
        let i = Int((x * 100_000).rounded())
        return i % 10_000 == 0 ? Double(i) / 100_000 : (Double(i / 10_000) + 1) / 10
    }
}
