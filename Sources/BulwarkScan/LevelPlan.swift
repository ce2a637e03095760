import BulwarkCompliance
import BulwarkCore
import BulwarkRules

/// Which compliance level governs each path: `.bulwark.yaml`'s `levels:` pins (first
/// matching pattern, in the order written), else the scan's level (`--level`, then
/// `level:`, then standard). A pin is policy about a path, so `--level` on the command
/// line changes the default and never overrides a pin.
public struct LevelPlan: Sendable {
    public let base: ComplianceLevel
    public let pins: [(glob: Glob, level: ComplianceLevel)]
    /// Every distinct level in the plan, the default first.
    public let levels: [ComplianceLevel]
    let byID: [String: ComplianceLevel]

    public init(base: ComplianceLevel, pins: [(glob: Glob, level: ComplianceLevel)] = []) {
        self.base = base
        self.pins = pins
        var seen = Set<String>()
        levels = ([base] + pins.map(\.level)).filter { seen.insert($0.id).inserted }
        byID = Dictionary(levels.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Builds the plan from the configuration; level names resolve against the bundled
    /// levels, level files relative to `root`. Unknown rule ids in any level are errors.
    public static func make(config: ScanConfig, override: String?, root: String) throws -> LevelPlan {
        var cache: [String: ComplianceLevel] = [:]
        func load(_ ref: String) throws -> ComplianceLevel {
            if let l = cache[ref] { return l }
            let l = try level(ref, relativeTo: root)
            cache[ref] = l
            return l
        }
        let base = try load(override ?? config.level ?? "standard")
        return LevelPlan(base: base, pins: try config.levelPins.map { (Glob($0.pattern), try load($0.level)) })
    }

    /// A level by id or file; a file naming rules that do not exist is an error (a typo
    /// would silently leave a control unchecked). Bundled levels are checked by the tests.
    public static func level(_ ref: String, relativeTo root: String) throws -> ComplianceLevel {
        let l = try ComplianceLevel.named(ref, relativeTo: root)
        guard ComplianceLevel.looksLikePath(ref) else { return l }
        let unknown = l.unknownRules(known: Set(RuleDocs.all.map(\.id) + RuleDocs.secretMetadata.map(\.id)))
        if !unknown.isEmpty {
            throw BulwarkError(.schema, "level '\(l.id)' names rules that do not exist: \(unknown.joined(separator: ", "))", at: SourceSpan(file: l.source, line: 1, column: 1))
        }
        return l
    }

    /// Rules that run only where a level enables them.
    public static let optInRules = Set(RuleRegistry.swiftRules.filter { $0.metadata.optIn }.map(\.metadata.id))

    public func level(for path: String) -> ComplianceLevel {
        pins.first { $0.glob.matches(path) }?.level ?? base
    }

    public func level(id: String) -> ComplianceLevel? { byID[id] }

    public func runs(_ rule: String, at level: ComplianceLevel) -> Bool {
        level.runs(rule, optIn: Self.optInRules.contains(rule))
    }

    /// Whether any level in the plan runs `rule` (so the scan bothers to evaluate it).
    public func runsAnywhere(_ rule: String) -> Bool { levels.contains { runs(rule, at: $0) } }

    /// The patterns pinned to each level, for reports ("pci: services/payments/**").
    public var scopes: [(level: ComplianceLevel, patterns: [String])] {
        levels.map { l in (l, pins.filter { $0.level.id == l.id }.map(\.glob.pattern)) }
    }
}
