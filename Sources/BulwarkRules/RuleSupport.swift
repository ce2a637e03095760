import BulwarkCore
import BulwarkFormats

/// Inputs that must and must not trigger a rule. In triggering examples `↓` marks the
/// exact place the finding must point at; the same examples feed the tests, `bulwark
/// rules show` and `docs/rules.md`.
public struct RuleExamples: Sendable {
    public var triggering: [String]
    public var passing: [String]
    /// Examples that pass at the standard settings and trigger (at their marker) under a
    /// stricter level's: the proof that the setting reaches the rule.
    public var stricter: [(settings: RuleSettings, triggering: String)]

    public init(triggering: [String], passing: [String], stricter: [(settings: RuleSettings, triggering: String)] = []) {
        self.triggering = triggering
        self.passing = passing
        self.stricter = stricter
    }

    public static let marker: Character = "↓"

    /// The example without its marker, and the marker's 1-based line and column.
    public static func strip(_ example: String) -> (text: String, line: Int, column: Int)? {
        var line = 1, column = 1
        var out = ""
        var found: (Int, Int)? = nil
        for ch in example {
            if ch == marker { found = (line, column); continue }
            out.append(ch)
            if ch == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        guard let f = found else { return nil }
        return (out, f.0, f.1)
    }
}

/// One place a Swift rule fires.
public struct RuleHit: Sendable {
    public var line: Int
    public var column: Int
    public var message: String?
    /// Stable path inside the file (`stage[1].USER`, `jobs.build.steps[2]`), for fingerprints.
    public var attributePath: String
    public var resource: ResourceRef?

    public init(line: Int, column: Int, message: String? = nil, attributePath: String, resource: ResourceRef? = nil) {
        self.line = line
        self.column = column
        self.message = message
        self.attributePath = attributePath
        self.resource = resource
    }
}

/// Every Swift rule: metadata and examples, checked the same way.
public protocol RuleDescribing: Sendable {
    static var metadata: RuleMetadata { get }
    static var examples: RuleExamples { get }
}

/// A rule over one Dockerfile.
public protocol DockerfileRule: RuleDescribing {
    static func check(_ dockerfile: Dockerfile) -> [RuleHit]
}

/// A rule over one GitHub Actions workflow document.
public protocol WorkflowRule: RuleDescribing {
    static func check(_ workflow: Document) -> [RuleHit]
}

/// Shorthand for the controls a rule evidences: `controls("soc2:CC6.1", "pci:2.2.1")`.
func controls(_ refs: String...) -> [ControlRef] { refs.compactMap(ControlRef.init(parsing:)) }
