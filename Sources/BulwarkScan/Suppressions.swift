import BulwarkCore
import Foundation

/// An inline suppression written in the scanned file or on the object.
public struct InlineSuppression: Sendable {
    public var rules: [String]
    public var reason: String?
    public var expires: String?
    public var line: Int
    public var source: String  // "bulwark:ignore", "checkov:skip", "annotation"

    public func covers(_ f: Finding) -> Bool {
        rules.contains { $0 == "*" || $0.lowercased() == "all" || $0 == f.ruleId || f.aliases.contains($0) }
    }
}

/// Reads suppression comments and annotations.
public enum SuppressionParser {
    /// `# bulwark:ignore K8S-001,DF-003 reason="legacy" expires=2026-12-31` and
    /// `# checkov:skip=CKV_K8S_16:reason`.
    public static func parse(line: String, number: Int) -> [InlineSuppression] {
        var out: [InlineSuppression] = []
        if let r = line.range(of: "bulwark:ignore") {
            let rest = String(line[r.upperBound...]).trimmingCharacters(in: .whitespaces)
            var rules: [String] = []
            var reason: String? = nil
            var expires: String? = nil
            var scanner = Substring(rest)
            if let first = scanner.split(separator: " ", maxSplits: 1).first, !first.contains("=") {
                rules = first.split(separator: ",").map { String($0) }
                scanner = scanner.dropFirst(first.count)
            }
            if let rr = scanner.range(of: "reason=") {
                let after = scanner[rr.upperBound...]
                if after.first == "\"", let close = after.dropFirst().firstIndex(of: "\"") {
                    reason = String(after[after.index(after: after.startIndex)..<close])
                } else {
                    reason = after.split(separator: " ").first.map(String.init)
                }
            }
            if let er = scanner.range(of: "expires=") {
                expires = scanner[er.upperBound...].split(separator: " ").first.map(String.init)
            }
            out.append(InlineSuppression(rules: rules.isEmpty ? ["*"] : rules, reason: reason.flatMap { $0.isEmpty ? nil : $0 },
                                         expires: expires, line: number, source: "bulwark:ignore"))
        }
        if let r = line.range(of: "checkov:skip=") {
            // Checkov's form: `checkov:skip=ID:free-text reason` to the end of the comment.
            let after = line[r.upperBound...]
            let id = after.prefix(while: { !$0.isWhitespace && $0 != ":" && $0 != "," })
            var reason: String? = nil
            if after.dropFirst(id.count).first == ":" {
                reason = after.dropFirst(id.count + 1).trimmingCharacters(in: .whitespaces)
            }
            if !id.isEmpty {
                out.append(InlineSuppression(rules: [String(id)], reason: reason.flatMap { $0.isEmpty ? nil : $0 }, expires: nil,
                                             line: number, source: "checkov:skip"))
            }
        }
        return out
    }

    /// `bulwark.dev/ignore: "K8S-017=pinned by the release process; K8S-019=batch job"`.
    public static func parse(annotation: String, line: Int) -> [InlineSuppression] {
        annotation.split(whereSeparator: { $0 == ";" || $0 == "\n" }).compactMap { part in
            let kv = part.split(separator: "=", maxSplits: 1)
            guard let rule = kv.first?.trimmingCharacters(in: .whitespaces), !rule.isEmpty else { return nil }
            let reason = kv.count > 1 ? kv[1].trimmingCharacters(in: .whitespaces) : nil
            return InlineSuppression(rules: [rule], reason: reason.flatMap { $0.isEmpty ? nil : $0 }, expires: nil, line: line, source: "annotation")
        }
    }
}

/// A reviewed, owned exception with an expiry (`.bulwark/waivers.yaml`).
public struct Waiver: Sendable {
    public var rule: String
    public var path: Glob?
    public var resource: String?
    public var owner: String
    public var approver: String
    public var justification: String
    public var ticket: String
    public var expires: String

    public init(rule: String, path: Glob?, resource: String?, owner: String, approver: String, justification: String, ticket: String, expires: String) {
        self.rule = rule
        self.path = path
        self.resource = resource
        self.owner = owner
        self.approver = approver
        self.justification = justification
        self.ticket = ticket
        self.expires = expires
    }

    public func covers(_ f: Finding, relativePath: String) -> Bool {
        guard rule == f.ruleId || f.aliases.contains(rule) || rule == "*" else { return false }
        if let path, !path.matches(relativePath) { return false }
        if let resource {
            guard let r = f.resource, Glob.segment(resource, r.description) else { return false }
        }
        return true
    }

    public static func parse(_ doc: Document) throws -> [Waiver] {
        guard case .array(let items)? = doc.value["waivers"] else {
            throw BulwarkError(.schema, "waivers file needs a 'waivers' list", at: doc.span(at: []))
        }
        return try items.enumerated().map { i, w in
            let at: [PathComponent] = [.key("waivers"), .index(i)]
            func required(_ key: String) throws -> String {
                guard let s = w[key]?.interpolationText, !s.isEmpty, w[key] != .null else {
                    throw BulwarkError(.schema, "waiver needs '\(key)'", at: doc.span(at: at))
                }
                return s
            }
            let scope = w["scope"]
            return Waiver(rule: try required("rule"), path: scope?["path"]?.stringValue.map(Glob.init), resource: scope?["resource"]?.stringValue,
                          owner: try required("owner"), approver: try required("approver"), justification: try required("justification"),
                          ticket: try required("ticket"), expires: try required("expires"))
        }
    }
}

/// Fingerprints accepted as known; findings matching them do not fail the build.
public struct Baseline: Sendable {
    public var fingerprints: Set<String>

    public init(fingerprints: Set<String>) { self.fingerprints = fingerprints }

    public static func parse(_ text: String, file: String) throws -> Baseline {
        let v = try JSONParser.parse(text, file: file).value
        guard case .array(let list)? = v["fingerprints"] else {
            throw BulwarkError(.schema, "baseline needs a 'fingerprints' list", at: SourceSpan(file: file, line: 1, column: 1))
        }
        return Baseline(fingerprints: Set(list.compactMap(\.stringValue)))
    }

    public static func render(_ findings: [Finding]) -> String {
        let fps = Set(findings.filter { $0.suppression == nil }.map(\.fingerprint)).sorted()
        return Value.object(Object([("version", .int(1)), ("tool", .string("bulwark")),
                                    ("fingerprints", .array(fps.map(Value.string)))])).jsonString(pretty: true) + "\n"
    }
}
