import BulwarkCore

/// Why a pattern did not hold. `skip` means a conditional or global anchor was not
/// satisfied (the rule does not apply); otherwise the resource violates the pattern.
/// An empty `path` on a non-skip failure is Kyverno's "anchor key missing" case, which
/// it reports as a rule error rather than a failure.
public struct PatternError: Error, Sendable {
    public enum Kind: Sendable { case mismatch, conditionalAnchor, globalAnchor, negationAnchor }
    public var kind: Kind
    public var message: String
    public var path: String

    public var isSkip: Bool { kind == .conditionalAnchor || kind == .globalAnchor }
}

/// Kyverno's `validate.pattern` matcher: the overlay of a pattern tree on a resource,
/// with anchors, array semantics and Kyverno's error precedence, mirrored from its engine.
public struct PatternMatcher {
    /// Tracks whether each conditional/existence anchor key was ever found in the
    /// resource (Kyverno's `AnchorMap`), which decides error vs fail at the top.
    private var anchorSeen: [String: Bool] = [:]

    public init() {}

    /// Matches `resource` against `pattern`. Returns `nil` when the pattern holds.
    public static func match(_ resource: Value, _ pattern: Value) -> PatternError? {
        var m = PatternMatcher()
        guard var err = m.element(resource, pattern, path: "/") else { return nil }
        if err.isSkip {
            err.path = ""
            return err
        }
        if err.kind == .negationAnchor { return err }
        if m.anchorSeen.values.contains(false) {
            err.path = ""
        }
        return err
    }

    mutating func element(_ resource: Value, _ pattern: Value, path: String) -> PatternError? {
        switch pattern {
        case .object(let p):
            guard case .object(let r) = resource else {
                return PatternError(kind: .mismatch, message: "pattern and resource have different structures. Path: \(path). Expected object, found \(resource.typeName)", path: path)
            }
            noteAnchors(p, r)
            return map(r, p, path: path)
        case .array(let p):
            guard case .array(let r) = resource else {
                return PatternError(kind: .mismatch, message: "validation rule failed at path \(path), resource does not satisfy the expected overlay pattern", path: path)
            }
            return array(r, p, path: path)
        default:
            if case .array(let items) = resource {
                for item in items where !ValuePattern.validate(item, pattern) {
                    return PatternError(kind: .mismatch, message: "resource value '\(resource.interpolationText)' does not match '\(pattern.interpolationText)' at path \(path)", path: path)
                }
                return nil
            }
            if !ValuePattern.validate(resource, pattern) {
                return PatternError(kind: .mismatch, message: "resource value '\(resource.interpolationText)' does not match '\(pattern.interpolationText)' at path \(path)", path: path)
            }
            return nil
        }
    }

    private mutating func noteAnchors(_ pattern: Object, _ resource: Object) {
        for key in pattern.keys {
            guard let a = Anchor.parse(key), a.modifier == .condition || a.modifier == .existence else { continue }
            if anchorSeen[key] == true { continue }
            anchorSeen[key] = resource[a.key] != nil
        }
    }

    private mutating func map(_ resource: Object, _ rawPattern: Object, path: String) -> PatternError? {
        let pattern = MetadataWildcards.expand(rawPattern, against: resource)
        // Phase 1: conditional, existence and negation anchors, in key order.
        var anchors: [(String, Value)] = []
        var rest: [(String, Value)] = []
        for (k, v) in pattern {
            if let a = Anchor.parse(k), a.modifier == .condition || a.modifier == .existence || a.modifier == .negation {
                anchors.append((k, v))
            } else {
                rest.append((k, v))
            }
        }
        anchors.sort { $0.0 < $1.0 }
        for (k, v) in anchors {
            if let e = handle(key: k, pattern: v, resource: resource, path: path) { return e }
        }
        // Phase 2: global anchors and nested objects first (reverse key order, as
        // Kyverno's list PushFront yields), then scalars in key order.
        rest.sort { $0.0 < $1.0 }
        var front: [(String, Value)] = []
        var back: [(String, Value)] = []
        for (k, v) in rest {
            if let a = Anchor.parse(k), a.modifier == .global {
                front.insert((k, v), at: 0)
            } else if case .object = v {
                front.insert((k, v), at: 0)
            } else {
                back.append((k, v))
            }
        }
        for (k, v) in front + back {
            if let e = handle(key: k, pattern: v, resource: resource, path: path) { return e }
        }
        return nil
    }

    private mutating func handle(key: String, pattern: Value, resource: Object, path: String) -> PatternError? {
        guard let anchor = Anchor.parse(key) else {
            // Default handler.
            let current = path + key + "/"
            if case .string("*") = pattern {
                if let v = resource[key], !v.isNull { return nil }
                return PatternError(kind: .mismatch, message: "\(path)/\(key) not found", path: path)
            }
            return element(resource[key] ?? .null, pattern, path: current)
        }
        let current = path + anchor.key + "/"
        switch anchor.modifier {
        case .negation:
            if resource[anchor.key] != nil {
                return PatternError(kind: .negationAnchor, message: "\(current) is not allowed", path: current)
            }
            return nil
        case .equality, .addIfNotPresent:
            guard let v = resource[anchor.key] else { return nil }
            return element(v, pattern, path: current)
        case .condition:
            guard let v = resource[anchor.key] else {
                return PatternError(kind: .conditionalAnchor, message: "conditional anchor key doesn't exist in the resource", path: current)
            }
            if let e = element(v, pattern, path: current) {
                return PatternError(kind: .conditionalAnchor, message: e.message, path: e.path)
            }
            return nil
        case .global:
            guard let v = resource[anchor.key] else { return nil }
            if let e = element(v, pattern, path: current) {
                return PatternError(kind: .globalAnchor, message: e.message, path: e.path)
            }
            return nil
        case .existence:
            guard let v = resource[anchor.key] else { return nil }
            guard case .array(let items) = v else {
                return PatternError(kind: .mismatch, message: "invalid resource type \(v.typeName): existence anchor ^() can only be used on a list", path: current)
            }
            guard case .array(let patterns) = pattern else {
                return PatternError(kind: .mismatch, message: "invalid pattern: existence anchor needs a list pattern", path: current)
            }
            for p in patterns {
                guard case .object = p else {
                    return PatternError(kind: .mismatch, message: "invalid pattern: existence anchor list items must be maps", path: current)
                }
                var satisfied = false
                for (i, item) in items.enumerated() {
                    if element(item, p, path: current + "\(i)/") == nil { satisfied = true; break }
                }
                if !satisfied {
                    return PatternError(kind: .mismatch, message: "existence anchor validation failed at path \(current)", path: current)
                }
            }
            return nil
        }
    }

    private mutating func array(_ resource: [Value], _ pattern: [Value], path: String) -> PatternError? {
        guard let first = pattern.first else {
            return PatternError(kind: .mismatch, message: "pattern array is empty", path: path)
        }
        switch first {
        case .object:
            // Every element is checked against the map; elements whose conditional
            // anchors do not hold are skipped, and if all were skipped the skip propagates.
            var applied = 0
            var skipped: [PatternError] = []
            for (i, item) in resource.enumerated() {
                if let e = element(item, first, path: path + "\(i)/") {
                    if e.isSkip { skipped.append(e); continue }
                    return e
                }
                applied += 1
            }
            if applied == 0, let s = skipped.first {
                return PatternError(kind: s.kind, message: skipped.map(\.message).joined(separator: "; "), path: path)
            }
            return nil
        case .array:
            guard resource.count >= pattern.count else {
                return PatternError(kind: .mismatch, message: "validate Array failed, array length mismatch, resource Array len is \(resource.count) and pattern Array len is \(pattern.count)", path: "")
            }
            for (i, p) in pattern.enumerated() {
                if let e = element(resource[i], p, path: path + "\(i)/") {
                    if e.isSkip { continue }
                    return e
                }
            }
            return nil
        default:
            return element(.array(resource), first, path: path)
        }
    }
}

/// Kyverno expands wildcard keys under `metadata.labels` / `metadata.annotations` in a
/// pattern into the concrete keys of the resource they match (`ExpandInMetadata`).
enum MetadataWildcards {
    static func expand(_ pattern: Object, against resource: Object) -> Object {
        guard let metaKey = pattern.keys.first(where: { stripAnchor($0) == "metadata" }),
              case .object(var meta)? = pattern[metaKey], case .object(let rmeta)? = resource["metadata"] else { return pattern }
        var changed = false
        for field in ["labels", "annotations"] {
            guard let fieldKey = meta.keys.first(where: { stripAnchor($0) == field }), case .object(let p)? = meta[fieldKey] else { continue }
            guard p.keys.contains(where: { Wildcard.containsWildcard(stripAnchor($0)) }) else { continue }
            let r = rmeta[field]?.objectValue ?? Object()
            var out = Object()
            for (k, v) in p {
                let bare = stripAnchor(k)
                guard Wildcard.containsWildcard(bare) else { out[k] = v; continue }
                let matches = r.keys.filter { Wildcard.match(bare, $0) }
                if matches.isEmpty {
                    out[k] = v
                } else {
                    // Each concrete key gets the pattern's value under the same anchor.
                    for m in matches { out[k.replacingOccurrences(of: bare, with: m)] = v }
                }
            }
            meta[fieldKey] = .object(out)
            changed = true
        }
        guard changed else { return pattern }
        var copy = pattern
        copy[metaKey] = .object(meta)
        return copy
    }

    private static func stripAnchor(_ k: String) -> String { Anchor.parse(k)?.key ?? k }
}

import Foundation
