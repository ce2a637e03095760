import BulwarkCore

/// Why a pattern did not hold. `skip` means a conditional or global anchor was not
/// satisfied (the rule does not apply); otherwise the resource violates the pattern.
/// An empty `path` on a non-skip failure is Kyverno's "anchor key missing" case, which
/// it reports as a rule error rather than a failure.
public struct PatternError: Error, Sendable {
    public enum Kind: Sendable { case mismatch, conditionalAnchor, globalAnchor, negationAnchor }
    public var kind: Kind
    public var path: String
    /// Most messages are discarded (the rule's own message wins), so the common value
    /// mismatch keeps its operands and renders only when asked.
    enum Detail: Sendable {
        case text(String)
        case valueMismatch(resource: Value, pattern: Value, path: String)
    }
    var detail: Detail

    public var message: String {
        switch detail {
        case .text(let s): return s
        case .valueMismatch(let r, let p, let path):
            return "resource value '\(r.interpolationText)' does not match '\(p.interpolationText)' at path \(path)"
        }
    }

    init(kind: Kind, message: String, path: String) {
        self.kind = kind
        self.path = path
        detail = .text(message)
    }

    init(kind: Kind, detail: Detail, path: String) {
        self.kind = kind
        self.path = path
        self.detail = detail
    }

    public var isSkip: Bool { kind == .conditionalAnchor || kind == .globalAnchor }
}

/// Kyverno's `validate.pattern` matcher: the overlay of a pattern tree on a resource,
/// with anchors, array semantics and Kyverno's error precedence, mirrored from its engine.
public struct PatternMatcher {
    /// Whether each conditional/existence anchor key was ever found in the resource
    /// (Kyverno's `AnchorMap`), which decides error vs fail at the top.
    private var anchorSeen: [String: Bool] = [:]
    /// The path being visited; rendered to a string only when an error needs it.
    private var stack: [PathComponent] = []

    public init() {}

    /// Matches `resource` against `pattern`. Returns `nil` when the pattern holds.
    public static func match(_ resource: Value, _ pattern: Value) -> PatternError? {
        match(resource, CompiledPattern(pattern))
    }

    public static func match(_ resource: Value, _ pattern: CompiledPattern) -> PatternError? {
        var m = PatternMatcher()
        m.stack.reserveCapacity(16)
        guard var err = m.element(resource, pattern) else { return nil }
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

    /// Kyverno's path form: `/spec/containers/0/image/`.
    private var path: String {
        var out = "/"
        for c in stack { out += c.description + "/" }
        return out
    }

    private mutating func descend(_ c: PathComponent, _ body: (inout PatternMatcher) -> PatternError?) -> PatternError? {
        stack.append(c)
        defer { stack.removeLast() }
        return body(&self)
    }

    mutating func element(_ resource: Value, _ pattern: CompiledPattern) -> PatternError? {
        switch pattern {
        case .map(let p):
            guard case .object(let r) = resource else {
                let path = self.path
                return PatternError(kind: .mismatch, message: "pattern and resource have different structures. Path: \(path). Expected object, found \(resource.typeName)", path: path)
            }
            noteAnchors(p, r)
            return map(r, p)
        case .array(let p):
            guard case .array(let r) = resource else {
                let path = self.path
                return PatternError(kind: .mismatch, message: "validation rule failed at path \(path), resource does not satisfy the expected overlay pattern", path: path)
            }
            return array(r, p)
        case .scalar(let p):
            if case .array(let items) = resource {
                for item in items where !ValuePattern.validate(item, p) {
                    return mismatch(resource, p)
                }
                return nil
            }
            return ValuePattern.validate(resource, p) ? nil : mismatch(resource, p)
        }
    }

    private func mismatch(_ resource: Value, _ p: ScalarPattern) -> PatternError {
        let path = self.path
        return PatternError(kind: .mismatch, detail: .valueMismatch(resource: resource, pattern: p.value, path: path), path: path)
    }

    private mutating func noteAnchors(_ pattern: MapPattern, _ resource: Object) {
        for (raw, key) in pattern.trackedAnchors where anchorSeen[raw] != true {
            anchorSeen[raw] = resource[key] != nil
        }
    }

    private mutating func map(_ resource: Object, _ pattern: MapPattern) -> PatternError? {
        // Wildcard label/annotation keys apply their value to every matching resource key
        // (Kyverno's ExpandInMetadata); with no match the key is taken literally.
        for e in pattern.wildcardEntries {
            let bare = e.anchor?.key ?? e.key
            let matches = resource.keys.filter { Wildcard.match(bare, $0) }
            if matches.isEmpty {
                if let err = handle(e, resource: resource) { return err }
            }
            for key in matches {
                let concrete = MapPattern.Entry(key: e.anchor.map { "\($0.modifier.rawValue)(\(key))" } ?? key,
                                                anchor: e.anchor.map { Anchor(modifier: $0.modifier, key: key) }, value: e.value)
                if let err = handle(concrete, resource: resource) { return err }
            }
        }
        for e in pattern.anchorPhase {
            if let err = handle(e, resource: resource) { return err }
        }
        for e in pattern.restPhase {
            if let err = handle(e, resource: resource) { return err }
        }
        return nil
    }

    private mutating func handle(_ entry: MapPattern.Entry, resource: Object) -> PatternError? {
        guard let anchor = entry.anchor else {
            // Default handler.
            if entry.isStar {
                if let v = resource[entry.key], !v.isNull { return nil }
                let path = self.path
                return PatternError(kind: .mismatch, message: "\(path)/\(entry.key) not found", path: path)
            }
            let value = resource[entry.key] ?? .null
            return descend(.key(entry.key)) { $0.element(value, entry.value) }
        }
        switch anchor.modifier {
        case .negation:
            if resource[anchor.key] != nil {
                return descend(.key(anchor.key)) { m in
                    let path = m.path
                    return PatternError(kind: .negationAnchor, message: "\(path) is not allowed", path: path)
                }
            }
            return nil
        case .equality, .addIfNotPresent:
            guard let v = resource[anchor.key] else { return nil }
            return descend(.key(anchor.key)) { $0.element(v, entry.value) }
        case .condition:
            guard let v = resource[anchor.key] else {
                return descend(.key(anchor.key)) { m in
                    PatternError(kind: .conditionalAnchor, message: "conditional anchor key doesn't exist in the resource", path: m.path)
                }
            }
            guard let e = descend(.key(anchor.key), { $0.element(v, entry.value) }) else { return nil }
            return PatternError(kind: .conditionalAnchor, detail: e.detail, path: e.path)
        case .global:
            guard let v = resource[anchor.key] else { return nil }
            guard let e = descend(.key(anchor.key), { $0.element(v, entry.value) }) else { return nil }
            return PatternError(kind: .globalAnchor, detail: e.detail, path: e.path)
        case .existence:
            guard let v = resource[anchor.key] else { return nil }
            return descend(.key(anchor.key)) { m in m.existence(v, entry.value) }
        }
    }

    private mutating func existence(_ v: Value, _ pattern: CompiledPattern) -> PatternError? {
        guard case .array(let items) = v else {
            return PatternError(kind: .mismatch, message: "invalid resource type \(v.typeName): existence anchor ^() can only be used on a list", path: path)
        }
        guard case .array(let patterns) = pattern else {
            return PatternError(kind: .mismatch, message: "invalid pattern: existence anchor needs a list pattern", path: path)
        }
        for p in patterns {
            guard p.isMap else {
                return PatternError(kind: .mismatch, message: "invalid pattern: existence anchor list items must be maps", path: path)
            }
            var satisfied = false
            for (i, item) in items.enumerated() where descend(.index(i), { $0.element(item, p) }) == nil {
                satisfied = true
                break
            }
            if !satisfied {
                let path = self.path
                return PatternError(kind: .mismatch, message: "existence anchor validation failed at path \(path)", path: path)
            }
        }
        return nil
    }

    private mutating func array(_ resource: [Value], _ pattern: [CompiledPattern]) -> PatternError? {
        guard let first = pattern.first else {
            return PatternError(kind: .mismatch, message: "pattern array is empty", path: path)
        }
        switch first {
        case .map:
            // Every element is checked against the map; elements whose conditional
            // anchors do not hold are skipped, and if all were skipped the skip propagates.
            var applied = 0
            var skipped: [PatternError] = []
            for (i, item) in resource.enumerated() {
                if let e = descend(.index(i), { $0.element(item, first) }) {
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
                if let e = descend(.index(i), { $0.element(resource[i], p) }) {
                    if e.isSkip { continue }
                    return e
                }
            }
            return nil
        case .scalar:
            return element(.array(resource), first)
        }
    }
}

import Foundation
