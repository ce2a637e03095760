import BulwarkCore

/// A validate pattern compiled once: anchors parsed, Kyverno's evaluation order of each
/// map's keys precomputed, and every string leaf split into its operators, so matching a
/// resource does no string parsing at all.
public indirect enum CompiledPattern: Sendable {
    case map(MapPattern)
    case array([CompiledPattern])
    case scalar(ScalarPattern)

    public init(_ value: Value) {
        self.init(value, place: .other)
    }

    /// Where a map sits: Kyverno expands wildcard keys only in `metadata.labels` and
    /// `metadata.annotations`.
    enum Place { case other, metadata, labels }

    init(_ value: Value, place: Place) {
        switch value {
        case .object(let o): self = .map(MapPattern(o, place: place))
        case .array(let a): self = .array(a.map { CompiledPattern($0, place: .other) })
        default: self = .scalar(ScalarPattern(value))
        }
    }

    var isMap: Bool { if case .map = self { return true } else { return false } }
}

/// A class so the matcher passes it around by reference instead of copying its arrays.
public final class MapPattern: Sendable {
    public final class Entry: Sendable {
        let key: String
        let anchor: Anchor?
        let value: CompiledPattern
        /// The value when it is the string `*` (presence check), precomputed.
        let isStar: Bool

        init(key: String, anchor: Anchor?, value: CompiledPattern) {
            self.key = key
            self.anchor = anchor
            self.value = value
            if case .scalar(let s) = value, case .string("*") = s.value { isStar = true } else { isStar = false }
        }
    }

    /// Conditional, existence and negation anchors, in key order (Kyverno's phase 1).
    let anchorPhase: [Entry]
    /// Global anchors and nested maps first (reverse key order), then the other keys in
    /// key order — the order Kyverno's list-based phase 2 produces.
    let restPhase: [Entry]
    /// Raw keys of conditional/existence anchors, for the "anchor key missing" bookkeeping.
    let trackedAnchors: [(raw: String, key: String)]
    /// In `metadata.labels`/`annotations`: entries whose keys hold wildcards, expanded
    /// against each resource's keys at match time.
    let wildcardEntries: [Entry]

    init(_ o: Object, place: CompiledPattern.Place = .other) {
        var anchors: [Entry] = []
        var rest: [Entry] = []
        var wildcards: [Entry] = []
        var tracked: [(String, String)] = []
        for (k, v) in o {
            let a = Anchor.parse(k)
            let bare = a?.key ?? k
            var childPlace = CompiledPattern.Place.other
            if place == .other, bare == "metadata" { childPlace = .metadata }
            if place == .metadata, bare == "labels" || bare == "annotations" { childPlace = .labels }
            let e = Entry(key: k, anchor: a, value: CompiledPattern(v, place: childPlace))
            if place == .labels, Wildcard.containsWildcard(bare) {
                wildcards.append(e)
            } else if let a, a.modifier == .condition || a.modifier == .existence || a.modifier == .negation {
                anchors.append(e)
                if a.modifier != .negation { tracked.append((k, a.key)) }
            } else {
                rest.append(e)
            }
        }
        anchors.sort { $0.key < $1.key }
        rest.sort { $0.key < $1.key }
        var front: [Entry] = []
        var back: [Entry] = []
        for e in rest {
            if e.anchor?.modifier == .global || e.value.isMap { front.insert(e, at: 0) } else { back.append(e) }
        }
        anchorPhase = anchors
        restPhase = front + back
        trackedAnchors = tracked
        wildcardEntries = wildcards
    }
}

/// A scalar leaf; strings are pre-split into `|` alternatives of `&` conjunctions.
public final class ScalarPattern: Sendable {
    let value: Value
    let alternatives: [[StringCondition]]

    init(_ value: Value) {
        self.value = value
        if case .string(let s) = value {
            alternatives = s.split(separator: "|", omittingEmptySubsequences: false).map { alt in
                alt.split(separator: "&", omittingEmptySubsequences: false).map { StringCondition(ASCII.trim(Substring($0))) }
            }
        } else {
            alternatives = []
        }
    }
}

/// One operator applied to one operand: `>=1Gi`, `!*:latest`, `1-10`, `?*`.
indirect enum StringCondition: Sendable {
    /// Equality/inequality by wildcard; ordering operators are false on strings.
    case text(PatternOperator, String)
    /// An operand that starts with a number: quantity comparison, else wildcard match.
    case number(PatternOperator, String, quantity: Double?)
    case both(StringCondition, StringCondition)
    case either(StringCondition, StringCondition)

    init(_ raw: String) {
        switch PatternOperator.of(raw) {
        case .inRange(let lo, let hi):
            self = .both(StringCondition(">=" + lo), StringCondition("<=" + hi))
        case .notInRange(let lo, let hi):
            self = .either(StringCondition("<" + lo), StringCondition(">" + hi))
        case let op:
            let body = ASCII.trim(raw.dropFirst(op.prefixLength))
            if ValuePattern.leadingNumber(body).isEmpty {
                self = .text(op, body)
            } else {
                self = .number(op, body, quantity: Quantity.parse(body))
            }
        }
    }
}

/// Allocation-free ASCII helpers for the hot path (Foundation's trimming bridges to NSString).
enum ASCII {
    static func trim(_ s: Substring) -> String {
        let u = s.utf8
        var lo = u.startIndex, hi = u.endIndex
        while lo < hi, u[lo] == 32 || u[lo] == 9 || u[lo] == 10 || u[lo] == 13 { lo = u.index(after: lo) }
        while hi > lo, u[u.index(before: hi)] == 32 || u[u.index(before: hi)] == 9 || u[u.index(before: hi)] == 10 || u[u.index(before: hi)] == 13 {
            hi = u.index(before: hi)
        }
        return String(s[lo..<hi])
    }

    static func trim(_ s: String) -> String { trim(Substring(s)) }
}
