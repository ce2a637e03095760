/// Path globs as `.gitignore` and `.bulwark.yaml` use them: `*` within a path segment,
/// `**` across segments, `?` one character, a trailing `/` for directories, a leading
/// `/` anchoring to the root; a pattern without `/` matches at any depth.
public struct Glob: Sendable {
    public let pattern: String
    let segments: [String]
    let anchored: Bool
    public let directoryOnly: Bool

    public init(_ raw: String) {
        var p = raw
        directoryOnly = p.hasSuffix("/")
        if directoryOnly { p.removeLast() }
        anchored = p.hasPrefix("/") || p.dropLast().contains("/")
        if p.hasPrefix("/") { p.removeFirst() }
        pattern = raw
        segments = p.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    /// `path` is relative to the scan root, `/`-separated.
    public func matches(_ path: String, isDirectory: Bool = false) -> Bool {
        if directoryOnly && !isDirectory { return false }
        let parts = path.split(separator: "/").map(String.init)
        if anchored { return match(segments[...], parts[...]) }
        // Unanchored: the pattern may match the trailing part at any depth.
        for start in parts.indices where match(segments[...], parts[start...]) { return true }
        return false
    }

    private func match(_ pat: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let first = pat.first else { return path.isEmpty }
        if first == "**" {
            let rest = pat.dropFirst()
            if rest.isEmpty { return true }
            var p = path
            while true {
                if match(rest, p) { return true }
                guard !p.isEmpty else { return false }
                p = p.dropFirst()
            }
        }
        guard let seg = path.first, Self.segment(first, seg) else { return false }
        return match(pat.dropFirst(), path.dropFirst())
    }

    static func segment(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern), t = Array(text)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "?" || p[pi] == t[ti] {
                pi += 1; ti += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi; mark = ti; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}

/// A `.gitignore`: ordered patterns where later ones win and `!` re-includes.
public struct IgnoreRules: Sendable {
    var rules: [(glob: Glob, negated: Bool)] = []

    public init(_ text: String = "") {
        for raw in text.split(separator: "\n") {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            var negated = false
            if line.hasPrefix("!") { negated = true; line.removeFirst() }
            rules.append((Glob(line), negated))
        }
    }

    public func ignores(_ path: String, isDirectory: Bool) -> Bool {
        var ignored = false
        for r in rules where r.glob.matches(path, isDirectory: isDirectory) { ignored = !r.negated }
        return ignored
    }
}

import Foundation
