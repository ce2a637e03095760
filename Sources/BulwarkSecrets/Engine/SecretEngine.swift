import BulwarkCore

/// Finds secrets in bytes: one Aho-Corasick pass over the buffer finds every keyword;
/// each rule's regex then runs only in windows around its own keywords' hits (sized from
/// the rule's longest possible match and widened to whole lines); candidates pass the
/// entropy floor and the allowlists. Immutable and shared across threads; each thread
/// brings its own `PCREMatcher`.
public final class SecretEngine: Sendable {
    public let config: SecretConfig
    let automaton: KeywordAutomaton
    /// keyword index → rules that list it.
    let rulesByKeyword: [[Int]]
    /// Rules with a regex and no keywords: they run over the whole buffer.
    let keywordless: [Int]
    /// Rules with a path and no regex: the file's existence is the finding.
    let pathOnly: [Int]
    /// Window half-width for rules whose longest match is unbounded, and the most a window
    /// is widened to reach a line boundary.
    public static let unboundedWindow = 8 * 1024
    static let lineReach = 1024

    public init(config: SecretConfig) {
        self.config = config
        var keywords: [String] = []
        var index: [String: Int] = [:]
        var byKeyword: [[Int]] = []
        var keywordless: [Int] = []
        var pathOnly: [Int] = []
        for (r, rule) in config.rules.enumerated() {
            if rule.regex == nil { pathOnly.append(r); continue }
            if rule.keywords.isEmpty { keywordless.append(r); continue }
            for k in Set(rule.keywords) where !k.isEmpty {
                if let i = index[k] { byKeyword[i].append(r) } else {
                    index[k] = keywords.count
                    keywords.append(k)
                    byKeyword.append([r])
                }
            }
        }
        automaton = KeywordAutomaton(keywords: keywords)
        rulesByKeyword = byKeyword
        self.keywordless = keywordless
        self.pathOnly = pathOnly
    }

    /// The global allowlists say to skip this file entirely.
    public func isPathAllowed(_ path: String, matcher: PCREMatcher) -> Bool {
        config.allowlists.contains { $0.allowsWholeFile(path: path, matcher: matcher) }
    }

    /// Path-only rules (e.g. keystore files) that this path triggers.
    public func pathRuleHits(_ path: String, matcher: PCREMatcher) -> [Int] {
        pathOnly.filter { config.rules[$0].path.map { matcher.isMatch($0, path) } ?? false }
    }

    /// Secrets in `bytes`. `region` limits where matches may start (chunked reading passes
    /// the fresh part of a chunk); `firstLine` is the line number of `bytes[0]`.
    public func scan(_ bytes: UnsafeBufferPointer<UInt8>, path: String, commit: String? = nil, firstLine: Int = 1,
                     region: Range<Int>? = nil, matcher: PCREMatcher) -> [SecretHit] {
        let n = bytes.count
        let region = region ?? 0..<n
        // Rules whose path filter excludes this file never get windows.
        var ruleApplies = [Bool](repeating: true, count: config.rules.count)
        for (r, rule) in config.rules.enumerated() {
            if let p = rule.path, rule.regex != nil { ruleApplies[r] = matcher.isMatch(p, path) }
        }
        var windows = [[Range<Int>]](repeating: [], count: config.rules.count)
        automaton.scan(bytes) { keyword, end in
            let start = end - automaton.keywords[keyword].count
            for r in rulesByKeyword[keyword] where ruleApplies[r] {
                let reach = config.rules[r].maxMatchLength ?? SecretEngine.unboundedWindow
                let lo = max(0, start - reach), hi = min(n, end + reach)
                if let last = windows[r].last, lo <= last.upperBound {
                    windows[r][windows[r].count - 1] = last.lowerBound..<max(hi, last.upperBound)
                } else {
                    windows[r].append(lo..<hi)
                }
            }
        }
        for r in keywordless where ruleApplies[r] { windows[r] = [0..<n] }
        var hits: [SecretHit] = []
        let lines = LineIndex(bytes)
        for r in windows.indices where !windows[r].isEmpty {
            let rule = config.rules[r]
            guard let regex = rule.regex else { continue }
            for window in widenToLines(windows[r], bytes) {
                for m in matcher.matches(regex, in: bytes, range: window) where region.contains(m.range.lowerBound) {
                    if let hit = confirm(m, rule: rule, index: r, bytes: bytes, path: path, commit: commit, lines: lines,
                                         firstLine: firstLine, matcher: matcher) {
                        hits.append(hit)
                    }
                }
            }
        }
        hits.sort { ($0.matchRange.lowerBound, $0.ruleIndex) < ($1.matchRange.lowerBound, $1.ruleIndex) }
        return hits
    }

    /// Widens windows to whole lines (bounded, for minified text) and merges those that now overlap.
    func widenToLines(_ windows: [Range<Int>], _ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        let n = bytes.count
        for w in windows {
            var lo = w.lowerBound, hi = w.upperBound
            let loLimit = max(0, lo - SecretEngine.lineReach)
            while lo > loLimit, bytes[lo - 1] != 0x0A { lo -= 1 }
            let hiLimit = min(n, hi + SecretEngine.lineReach)
            while hi < hiLimit, bytes[hi] != 0x0A { hi += 1 }
            if hi < n, bytes[hi] == 0x0A { hi += 1 }
            if let last = out.last, lo <= last.upperBound {
                out[out.count - 1] = last.lowerBound..<max(hi, last.upperBound)
            } else {
                out.append(lo..<hi)
            }
        }
        return out
    }

    func confirm(_ m: PCREMatch, rule: SecretRule, index: Int, bytes: UnsafeBufferPointer<UInt8>, path: String, commit: String?,
                 lines: LineIndex, firstLine: Int, matcher: PCREMatcher) -> SecretHit? {
        // gitleaks: the configured group, else the first group that matched something, else the whole match.
        var secretRange = m.range
        if rule.secretGroup > 0 {
            guard rule.secretGroup <= m.groups.count, let g = m.groups[rule.secretGroup - 1] else { return nil }
            secretRange = g
        } else if let g = m.groups.first(where: { $0.map { !$0.isEmpty } ?? false }) {
            secretRange = g!
        }
        guard !secretRange.isEmpty else { return nil }
        let secretBytes = UnsafeBufferPointer(rebasing: bytes[secretRange])
        let entropy = Entropy.shannon(secretBytes)
        if let floor = rule.entropy {
            if entropy <= floor { return nil }
            // gitleaks: generic rules also need a digit, which drops most prose and identifiers.
            if rule.id.hasPrefix("generic"), !secretBytes.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) { return nil }
        }
        let lineRange = lines.lineRange(containing: secretRange.lowerBound)
        let lineBytes = Array(bytes[lineRange])
        if lineBytes.count < 100_000, contains(lineBytes, "gitleaks:allow") { return nil }
        let secret = String(decoding: secretBytes, as: UTF8.self)
        let matchText = String(decoding: UnsafeBufferPointer(rebasing: bytes[m.range]), as: UTF8.self)
        let lineText = String(decoding: lineBytes, as: UTF8.self)
        if rule.allowlists.contains(where: { $0.allows(secret: secret, match: matchText, line: lineText, path: path, commit: commit, matcher: matcher) }) {
            return nil
        }
        for a in config.allowlists where a.targetRules.isEmpty || a.targetRules.contains(rule.id) {
            if a.allows(secret: secret, match: matchText, line: lineText, path: path, commit: commit, matcher: matcher) { return nil }
        }
        let line = lines.line(of: secretRange.lowerBound)
        let endLine = lines.line(of: max(secretRange.lowerBound, secretRange.upperBound - 1))
        let relative = (secretRange.lowerBound - lineRange.lowerBound)..<(secretRange.upperBound - lineRange.lowerBound)
        var redactedLine = Redaction.redactLine(lineBytes, secret: relative, replacement: Redaction.redact(secret))
        while redactedLine.hasSuffix("\n") || redactedLine.hasSuffix("\r") { redactedLine.removeLast() }
        return SecretHit(ruleIndex: index, ruleID: rule.id, matchRange: m.range, secretRange: secretRange,
                         line: firstLine + line - 1, column: secretRange.lowerBound - lineRange.lowerBound + 1,
                         endLine: firstLine + endLine - 1, secret: secret, entropy: entropy, redactedLine: redactedLine)
    }

    func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard haystack.count >= n.count else { return false }
        return haystack.withUnsafeBufferPointer { h in
            var i = 0
            while i + n.count <= h.count {
                if h[i] == n[0], Array(h[i..<(i + n.count)]) == n { return true }
                i += 1
            }
            return false
        }
    }
}

/// Line numbers for byte offsets, computed lazily: most buffers have no findings, and
/// counting newlines only up to the last finding keeps the common case free.
final class LineIndex {
    let bytes: UnsafeBufferPointer<UInt8>
    private var starts: [Int] = [0]
    private var scanned = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private func extend(to offset: Int) {
        while scanned < min(offset, bytes.count) {
            if bytes[scanned] == 0x0A { starts.append(scanned + 1) }
            scanned += 1
        }
    }

    /// 1-based line of `offset`.
    func line(of offset: Int) -> Int {
        extend(to: offset)
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    func lineRange(containing offset: Int) -> Range<Int> {
        let l = line(of: offset)
        let start = starts[l - 1]
        var end = offset
        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        return start..<end
    }
}
