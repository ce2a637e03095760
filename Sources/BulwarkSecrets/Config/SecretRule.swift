import BulwarkCore

/// One secret rule in gitleaks' model: a regex confirmed near one of its keywords, an
/// optional capture group holding the secret, an entropy floor, an optional path filter
/// and allowlists. Bulwark adds a severity and the examples that double as tests.
public struct SecretRule: Sendable {
    public var id: String
    public var description: String
    public var regex: PCRERegex?
    /// 0: the first non-empty capture group, or the whole match when there is none (gitleaks' rule).
    public var secretGroup: Int
    /// Shannon entropy (bits per byte) the secret must exceed; nil: no floor.
    public var entropy: Double?
    /// Lower-cased; the rule is only tried where one occurs. Empty: tried everywhere.
    public var keywords: [String]
    public var path: PCRERegex?
    public var tags: [String]
    public var allowlists: [SecretAllowlist]
    public var severity: Severity
    /// Texts the rule must find (`{{alnum:32}}`-style placeholders are expanded by the tests).
    public var examples: [String]
    /// Texts it must not find.
    public var negatives: [String]
    /// The file name examples are tested under, for rules with a `path`.
    public var examplePath: String?
    /// gitleaks' convention: ids starting with "generic" are catch-alls that yield to a specific rule on the same secret.
    public var isGeneric: Bool { id.hasPrefix("generic") }
    /// Upper bound of a match's length in bytes, nil when unbounded; sizes the windows.
    public var maxMatchLength: Int?
    /// Where the rule is written, for messages.
    public var location: SourceSpan?

    public init(id: String, description: String, regex: PCRERegex?, secretGroup: Int = 0, entropy: Double? = nil,
                keywords: [String] = [], path: PCRERegex? = nil, tags: [String] = [], allowlists: [SecretAllowlist] = [],
                severity: Severity = .high, examples: [String] = [], negatives: [String] = [], examplePath: String? = nil,
                location: SourceSpan? = nil) {
        self.id = id
        self.description = description
        self.regex = regex
        self.secretGroup = secretGroup
        self.entropy = entropy
        self.keywords = keywords.map { $0.lowercased() }
        self.path = path
        self.tags = tags
        self.allowlists = allowlists
        self.severity = severity
        self.examples = examples
        self.negatives = negatives
        self.examplePath = examplePath
        self.location = location
        self.maxMatchLength = regex.flatMap { RegexLength.maxLength($0.pattern) }
        self.anchoredRegex = SecretRule.anchoredVersion(of: regex, keywords: self.keywords)
    }

    /// Set when every match starts where a keyword starts: the rule is then tried once per
    /// keyword hit with this anchored (and JIT-compiled) copy instead of scanning windows.
    public var anchoredRegex: PCRERegex?

    static func anchoredVersion(of regex: PCRERegex?, keywords: [String]) -> PCRERegex? {
        guard let regex else { return nil }
        if RegexPrefix.isAnchoredOnKeywords(regex.pattern, keywords: keywords) { return try? PCRERegex(regex.pattern, anchored: true) }
        if let (stripped, _) = RegexPrefix.strippingIdentifierPrefix(regex.pattern), RegexPrefix.isAnchoredOnKeywords(stripped, keywords: keywords) {
            return try? PCRERegex(stripped, anchored: true)
        }
        return nil
    }

    /// For patterns that begin with gitleaks' lazy identifier prefix (`[\w.-]{0,50}?`): how far
    /// back the full match starts before the keyword. The anchored copy leaves the prefix out
    /// (it cannot change the secret), and the engine restores the match's start.
    public var identifierPrefixReach: Int? {
        regex.flatMap { RegexPrefix.strippingIdentifierPrefix($0.pattern)?.1 }
    }
}

/// A regex match being judged, as byte ranges of the scanned buffer.
struct SecretCandidate {
    var secret: UnsafeBufferPointer<UInt8>
    var match: UnsafeBufferPointer<UInt8>
    var line: UnsafeBufferPointer<UInt8>
    var path: String
    var commit: String?
    /// ASCII-lower-cased secret, for stopwords.
    var lowerSecret: [UInt8]
}

/// Reasons a candidate is not a secret. Criteria inside one allowlist combine with
/// `condition` (OR by default, as in gitleaks); separate allowlists each get a say.
public struct SecretAllowlist: Sendable {
    public enum Condition: String, Sendable { case or = "OR", and = "AND" }
    public enum Target: String, Sendable { case secret, match, line }

    public var description: String?
    public var condition: Condition = .or
    public var regexTarget: Target = .secret
    public var regexes: [PCRERegex] = []
    public var paths: [PCRERegex] = []
    /// Lower-cased substrings of the secret.
    public var stopwords: [String] = [] { didSet { stopwordBytesCache = stopwords.map { Array($0.utf8) } } }
    private var stopwordBytesCache: [[UInt8]] = []
    public var commits: Set<String> = []
    /// Global allowlists only: the rules they apply to (empty: all).
    public var targetRules: Set<String> = []

    public init() {}

    public var isEmpty: Bool { regexes.isEmpty && paths.isEmpty && stopwords.isEmpty && commits.isEmpty }

    /// Whether the allowlist excuses a candidate. Works on the scanned bytes: most
    /// candidates are rejected here, and building strings for each was most of their cost.
    func allows(_ c: SecretCandidate, matcher: PCREMatcher) -> Bool {
        var any = false, all = true
        func record(_ r: Bool) { any = any || r; all = all && r }
        if !commits.isEmpty { record(c.commit.map { commits.contains($0) } ?? false) }
        if !paths.isEmpty { record(paths.contains { matcher.isMatch($0, c.path) }) }
        if !regexes.isEmpty {
            let target = regexTarget == .secret ? c.secret : regexTarget == .match ? c.match : c.line
            record(regexes.contains { matcher.isMatch($0, bytes: target) })
        }
        if !stopwords.isEmpty {
            record(c.lowerSecret.withUnsafeBufferPointer { lower in
                stopwordBytes.contains { w in w.withUnsafeBufferPointer { ByteSearch.firstIndex(of: $0, in: lower) != nil } }
            })
        }
        if isEmpty { return false }
        return condition == .and ? all : any
    }

    var stopwordBytes: [[UInt8]] { stopwordBytesCache }

    /// Path-only allowlists (or path criteria under OR) let a whole file be skipped up front.
    func allowsWholeFile(path: String, matcher: PCREMatcher) -> Bool {
        guard !paths.isEmpty, targetRules.isEmpty else { return false }
        let pathAllowed = paths.contains { matcher.isMatch($0, path) }
        if condition == .or { return pathAllowed }
        return pathAllowed && regexes.isEmpty && stopwords.isEmpty && commits.isEmpty
    }
}
