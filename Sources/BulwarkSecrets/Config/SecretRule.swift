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
    /// Upper bound of a match's length in bytes, nil when unbounded; sizes the windows.
    public var maxMatchLength: Int?
    /// Where the rule is written, for messages.
    public var location: SourceSpan?

    public init(id: String, description: String, regex: PCRERegex?, secretGroup: Int = 0, entropy: Double? = nil,
                keywords: [String] = [], path: PCRERegex? = nil, tags: [String] = [], allowlists: [SecretAllowlist] = [],
                severity: Severity = .high, examples: [String] = [], negatives: [String] = [], location: SourceSpan? = nil) {
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
        self.location = location
        self.maxMatchLength = regex.flatMap { RegexLength.maxLength($0.pattern) }
    }
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
    public var stopwords: [String] = []
    public var commits: Set<String> = []
    /// Global allowlists only: the rules they apply to (empty: all).
    public var targetRules: Set<String> = []

    public init() {}

    public var isEmpty: Bool { regexes.isEmpty && paths.isEmpty && stopwords.isEmpty && commits.isEmpty }

    /// Whether the allowlist excuses a candidate. `matcher` is the calling thread's.
    func allows(secret: String, match: String, line: String, path: String, commit: String?, matcher: PCREMatcher) -> Bool {
        var results: [Bool] = []
        if !commits.isEmpty { results.append(commit.map { commits.contains($0) } ?? false) }
        if !paths.isEmpty { results.append(paths.contains { matcher.isMatch($0, path) }) }
        if !regexes.isEmpty {
            let target = regexTarget == .secret ? secret : regexTarget == .match ? match : line
            results.append(regexes.contains { matcher.isMatch($0, target) })
        }
        if !stopwords.isEmpty {
            let lower = secret.lowercased()
            results.append(stopwords.contains { lower.contains($0) })
        }
        if results.isEmpty { return false }
        return condition == .and ? results.allSatisfy { $0 } : results.contains(true)
    }

    /// Path-only allowlists (or path criteria under OR) let a whole file be skipped up front.
    func allowsWholeFile(path: String, matcher: PCREMatcher) -> Bool {
        guard !paths.isEmpty, targetRules.isEmpty else { return false }
        let pathAllowed = paths.contains { matcher.isMatch($0, path) }
        if condition == .or { return pathAllowed }
        return pathAllowed && regexes.isEmpty && stopwords.isEmpty && commits.isEmpty
    }
}
