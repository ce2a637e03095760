import BulwarkCore
import Foundation

/// Finds secrets in bytes: one Aho-Corasick pass over the buffer finds every keyword;
/// each rule's regex then runs only in windows around its own keywords' hits (sized from
/// the rule's longest possible match and widened to whole lines); candidates pass the
/// entropy floor and the allowlists. Immutable and shared across threads; each thread
/// brings its own `PCREMatcher`.
public final class SecretEngine: Sendable {
    public let config: SecretConfig
    let automaton: KeywordAutomaton
    /// The same keywords on Vectorscan (SIMD); the automaton remains the fallback.
    let literals: LiteralScanner?
    /// Rules with a regex and no keywords: they run over the whole buffer.
    let keywordless: [Int]
    /// Rules with a path and no regex: the file's existence is the finding.
    let pathOnly: [Int]
    /// Per rule: the anchored copy of its regex when matches start at keyword hits.
    let anchoredRegexes: [PCRERegex?]
    /// The same, unretained, and a flag array: the per-hit loop must not pay for reference counting.
    /// `anchoredRegexes` keeps the objects alive.
    nonisolated(unsafe) let anchoredRefs: [Unmanaged<PCRERegex>?]
    let isAnchored: [Bool]
    /// Per rule: the window half-width (longest match, or `unboundedWindow`).
    let reach: [Int]
    /// Per rule, copied out of `config.rules` so the hot path does not copy rule structs.
    let secretGroups: [Int]
    let entropyFloors: [Double?]
    let isGeneric: [Bool]
    /// Per rule: gitleaks' lazy identifier prefix length, restored onto anchored matches.
    let prefixReach: [Int?]
    /// Per rule: the pattern starts with \b (after inline flags).
    let leadingBoundary: [Bool]
    /// Per anchored rule of the "keyword … operator" shape: the cheap pre-check.
    let shapes: [AssignmentShape?]
    nonisolated(unsafe) let shapeRefs: [Unmanaged<AssignmentShape>?]
    /// Rules with a path filter (checked once per file).
    let pathFiltered: [Int]
    /// keyword → rules, flattened (offsets into `kwRules`) so the per-hit loop touches no nested arrays.
    let kwRuleOffsets: [Int32]
    let kwRules: [Int32]
    let keywordLengths: [Int]
    /// Keywords from here on are markers, not rule keywords: `gitleaks:allow`, then `bulwark:ignore`.
    let markerBase: Int
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
        markerBase = keywords.count
        automaton = KeywordAutomaton(keywords: keywords + ["gitleaks:allow", "bulwark:ignore"])
        keywordLengths = automaton.keywords.map(\.count)
        literals = LiteralScanner(keywords: automaton.keywords)
        anchoredRegexes = config.rules.map(\.anchoredRegex)
        anchoredRefs = anchoredRegexes.map { $0.map { Unmanaged.passUnretained($0) } }
        isAnchored = anchoredRegexes.map { $0 != nil }
        reach = config.rules.map { $0.maxMatchLength ?? SecretEngine.unboundedWindow }
        secretGroups = config.rules.map(\.secretGroup)
        entropyFloors = config.rules.map(\.entropy)
        isGeneric = config.rules.map(\.isGeneric)
        prefixReach = config.rules.map { $0.anchoredRegex == nil ? nil : $0.identifierPrefixReach }
        leadingBoundary = config.rules.map { rule in
            var p = Substring(rule.regex?.pattern ?? "")
            while p.hasPrefix("(?i)") { p = p.dropFirst(4) }
            return p.hasPrefix("\\b")
        }
        shapes = config.rules.map { $0.anchoredRegex == nil ? nil : AssignmentShape.derive($0.anchoredRegex!.pattern) }
        shapeRefs = shapes.map { $0.map { Unmanaged.passUnretained($0) } }
        pathFiltered = config.rules.indices.filter { config.rules[$0].path != nil && config.rules[$0].regex != nil }
        var offsets: [Int32] = [0]
        var flat: [Int32] = []
        for list in byKeyword {
            flat += list.map(Int32.init)
            offsets.append(Int32(flat.count))
        }
        kwRuleOffsets = offsets
        kwRules = flat
        self.keywordless = keywordless
        self.pathOnly = pathOnly
    }

    public var anchoredRuleCount: Int { anchoredRegexes.filter { $0 != nil }.count }
    public var shapedRuleCount: Int { shapes.filter { $0 != nil }.count }
    public var automatonForBenchmarks: KeywordAutomaton { automaton }

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
        scanDetailed(bytes, path: path, commit: commit, firstLine: firstLine, region: region, matcher: matcher).hits
    }

    public struct Output {
        public var hits: [SecretHit]
        /// The buffer mentions `bulwark:ignore`: the caller needs its lines for inline suppressions.
        public var mentionsIgnore: Bool
    }

    /// `firstColumn`: the column of `bytes[0]` when a chunk starts mid-line.
    public func scanDetailed(_ bytes: UnsafeBufferPointer<UInt8>, path: String, commit: String? = nil, firstLine: Int = 1, firstColumn: Int = 1,
                             region: Range<Int>? = nil, matcher: PCREMatcher) -> Output {
        let n = bytes.count
        let region = region ?? 0..<n
        let ruleCount = config.rules.count
        // Rules whose path filter excludes this file never run.
        var ruleApplies = [Bool](repeating: true, count: ruleCount)
        for r in pathFiltered { ruleApplies[r] = config.rules[r].path.map { matcher.isMatch($0, path) } ?? true }
        var windows = [[Range<Int>]](repeating: [], count: ruleCount)
        var lastEnd = [Int](repeating: -1, count: ruleCount)
        var lastTried = [Int](repeating: -1, count: ruleCount)
        var hits: [SecretHit] = []
        var sawAllow = false, sawIgnore = false
        let lines = LineIndex(bytes)
        var keywordHits: [(keyword: Int32, end: Int32)] = []
        // The per-hit tables as locals: read through `self` in the loop, every access
        // retains and releases the array's buffer (13 % of a dense scan).
        let keywordLengths = self.keywordLengths, isAnchored = self.isAnchored, leadingBoundary = self.leadingBoundary
        let reach = self.reach, prefixReach = self.prefixReach, markerBase = self.markerBase
        let shapeRefs = unsafe self.shapeRefs, anchoredRefs = unsafe self.anchoredRefs
        // Keyword hits are collected a block at a time so their buffer stays small even when
        // a keyword matches at every byte (a megabyte run of "AAAA…").
        let block = 1 << 20
        var blockStart = 0
        var preferAutomaton = false
        kwRuleOffsets.withUnsafeBufferPointer { offsets in
        kwRules.withUnsafeBufferPointer { kwRules in
        repeat {
        let blockEnd = min(n, blockStart + block)
        let from = max(0, blockStart - (automaton.longestKeyword - 1))
        let slice = UnsafeBufferPointer(rebasing: bytes[from..<blockEnd])
        if preferAutomaton || !(literals?.collect(slice, scratch: matcher.literalScratch, into: &keywordHits) ?? false) {
            automaton.collect(slice, into: &keywordHits)
        }
        // More than one keyword per byte ("AAAA…" runs): Vectorscan's per-match callback costs
        // more than the automaton's table walk, so the rest of this buffer uses the automaton.
        if keywordHits.count > slice.count { preferAutomaton = true }
        for (k32, e32) in keywordHits {
            let keyword = Int(k32), end = from + Int(e32)
            guard end > blockStart else { continue }
            if keyword >= markerBase {
                if keyword == markerBase { sawAllow = true } else { sawIgnore = true }
                continue
            }
            let start = end - keywordLengths[keyword]
            for idx in Int(offsets[keyword])..<Int(offsets[keyword + 1]) {
                let r = Int(kwRules[idx])
                guard ruleApplies[r] else { continue }
                if isAnchored[r] {
                    // Tried once per distinct start; a start inside the last match is part of it.
                    guard start >= lastEnd[r], start != lastTried[r] else { continue }
                    lastTried[r] = start
                    // A leading \b cannot hold between two word characters: no need to ask PCRE.
                    if leadingBoundary[r], start > 0, isWordByte(bytes[start - 1]), isWordByte(bytes[start]) { continue }
                    if let shape = unsafe shapeRefs[r], !shape.takeUnretainedValue().mayMatch(bytes, keywordEnd: end) { continue }
                    // The longest match plus one byte of context; `$` only matches at the real end.
                    let stop = min(n, start + reach[r] + 1)
                    let regex = unsafe anchoredRefs[r]!.takeUnretainedValue()
                    guard var m = matcher.matchAnchored(regex, in: bytes, at: start, end: stop) else { continue }
                    if let back = prefixReach[r] {
                        // Restore the identifier prefix the anchored copy leaves out: [\w.-] up to `back` bytes.
                        var p = start
                        while p > 0, start - p < back, isIdentifierByte(bytes[p - 1]) { p -= 1 }
                        m.range = p..<m.range.upperBound
                    }
                    guard region.contains(m.range.lowerBound) else { continue }
                    lastEnd[r] = m.range.upperBound
                    if let hit = confirm(m, index: r, bytes: bytes, path: path, commit: commit, lines: lines,
                                         firstLine: firstLine, firstColumn: firstColumn, matcher: matcher) {
                        hits.append(hit)
                    }
                    continue
                }
                let lo = max(0, start - reach[r]), hi = min(n, end + reach[r])
                if let last = windows[r].last, lo <= last.upperBound {
                    windows[r][windows[r].count - 1] = last.lowerBound..<max(hi, last.upperBound)
                } else {
                    windows[r].append(lo..<hi)
                }
            }
        }
        blockStart = blockEnd
        } while blockStart < n
        }
        }
        for r in keywordless where ruleApplies[r] { windows[r] = [0..<n] }
        for r in windows.indices where !windows[r].isEmpty {
            let rule = config.rules[r]
            guard let regex = rule.regex else { continue }
            for window in widenToLines(windows[r], bytes) {
                for m in matcher.matches(regex, in: bytes, range: window) where region.contains(m.range.lowerBound) {
                    if let hit = confirm(m, index: r, bytes: bytes, path: path, commit: commit, lines: lines,
                                         firstLine: firstLine, firstColumn: firstColumn, matcher: matcher) {
                        hits.append(hit)
                    }
                }
            }
        }
        // gitleaks' inline marker: the line holding the secret says it is allowed.
        if sawAllow {
            let marker = Array("gitleaks:allow".utf8)
            hits.removeAll { hit in
                let range = lines.lineRange(containing: hit.secretRange.lowerBound)
                return marker.withUnsafeBufferPointer { ByteSearch.firstIndex(of: $0, in: UnsafeBufferPointer(rebasing: bytes[range])) } != nil
            }
        }
        hits.sort { ($0.matchRange.lowerBound, $0.ruleIndex) < ($1.matchRange.lowerBound, $1.ruleIndex) }
        return Output(hits: dropGenericDuplicates(hits), mentionsIgnore: sawIgnore)
    }

    /// One secret, one finding: a generic rule's hit yields to a specific rule's hit on
    /// overlapping bytes (the specific rule names the provider and so the fix).
    func dropGenericDuplicates(_ hits: [SecretHit]) -> [SecretHit] {
        let specific = hits.filter { !config.rules[$0.ruleIndex].isGeneric }
        guard specific.count < hits.count, !specific.isEmpty else { return hits }
        return hits.filter { h in
            !config.rules[h.ruleIndex].isGeneric || !specific.contains { $0.secretRange.overlaps(h.secretRange) }
        }
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

    func confirm(_ m: PCREMatch, index: Int, bytes: UnsafeBufferPointer<UInt8>, path: String, commit: String?,
                 lines: LineIndex, firstLine: Int, firstColumn: Int, matcher: PCREMatcher) -> SecretHit? {
        // gitleaks: the configured group, else the first group that matched something, else the whole match.
        var secretRange = m.range
        let group = secretGroups[index]
        if group > 0 {
            guard group <= m.groups.count, let g = m.groups[group - 1] else { return nil }
            secretRange = g
        } else if let g = m.groups.first(where: { $0.map { !$0.isEmpty } ?? false }) {
            secretRange = g!
        }
        guard !secretRange.isEmpty else { return nil }
        let secretBytes = UnsafeBufferPointer(rebasing: bytes[secretRange])
        // gitleaks: generic rules also need a digit, which drops most prose and identifiers;
        // it is the cheaper of the two tests, so it goes first.
        if entropyFloors[index] != nil, isGeneric[index], !secretBytes.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) { return nil }
        let entropy = Entropy.shannon(secretBytes)
        if let floor = entropyFloors[index], entropy <= floor { return nil }
        let lineRange = lines.lineRange(containing: secretRange.lowerBound)
        let candidate = SecretCandidate(secret: secretBytes, match: UnsafeBufferPointer(rebasing: bytes[m.range]),
                                        line: UnsafeBufferPointer(rebasing: bytes[lineRange]), path: path, commit: commit,
                                        lowerSecret: secretBytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 })
        let rule = config.rules[index]
        if rule.allowlists.contains(where: { $0.allows(candidate, matcher: matcher) }) { return nil }
        for a in config.allowlists where a.targetRules.isEmpty || a.targetRules.contains(rule.id) {
            if a.allows(candidate, matcher: matcher) { return nil }
        }
        let lineBytes = Array(bytes[lineRange])
        let secret = String(decoding: secretBytes, as: UTF8.self)
        let line = lines.line(of: secretRange.lowerBound)
        let endLine = lines.line(of: max(secretRange.lowerBound, secretRange.upperBound - 1))
        let relative = (secretRange.lowerBound - lineRange.lowerBound)..<(secretRange.upperBound - lineRange.lowerBound)
        var redactedLine = Redaction.redactLine(lineBytes, secret: relative, replacement: Redaction.redact(secret))
        while redactedLine.hasSuffix("\n") || redactedLine.hasSuffix("\r") { redactedLine.removeLast() }
        return SecretHit(ruleIndex: index, ruleID: rule.id, matchRange: m.range, secretRange: secretRange,
                         line: firstLine + line - 1, column: secretRange.lowerBound - lines.lineStart(line) + 1 + (line == 1 ? firstColumn - 1 : 0),
                         endLine: firstLine + endLine - 1, secret: secret, entropy: entropy, redactedLine: redactedLine)
    }
}

@inline(__always) func isIdentifierByte(_ b: UInt8) -> Bool { isWordByte(b) || b == 0x2E || b == 0x2D }

@inline(__always) func isWordByte(_ b: UInt8) -> Bool {
    (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
}

/// Line numbers for byte offsets, computed lazily: most buffers have no findings, and
/// counting newlines only up to the last finding keeps the common case free.
final class LineIndex {
    let bytes: UnsafeBufferPointer<UInt8>
    private var starts: [Int] = [0]
    private var scanned = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private func extend(to offset: Int) {
        let target = min(offset, bytes.count)
        guard scanned < target, let base = bytes.baseAddress else { return }
        while scanned < target {
            guard let p = memchr(base + scanned, 0x0A, target - scanned) else { scanned = target; return }
            let at = UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self) - base
            starts.append(at + 1)
            scanned = at + 1
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

    /// The line around `offset`, at most `cap` bytes either side: minified and generated
    /// files have megabyte lines, and allowlists and snippets only need the neighbourhood.
    func lineStart(_ line: Int) -> Int { starts[line - 1] }

    func lineRange(containing offset: Int, cap: Int = 4096) -> Range<Int> {
        let l = line(of: offset)
        let start = max(starts[l - 1], offset - cap)
        let limit = min(bytes.count, offset + cap)
        guard let base = bytes.baseAddress, offset < limit else { return start..<min(offset, bytes.count) }
        if let p = memchr(base + offset, 0x0A, limit - offset) {
            return start..<(UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self) - base)
        }
        return start..<limit
    }
}
