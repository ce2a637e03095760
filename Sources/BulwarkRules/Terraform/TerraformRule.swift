import BulwarkCore
import BulwarkTerraform

/// What a Terraform rule concludes about one resource instance: a violation at an
/// attribute, or that it could not decide because a value is unknown (never a pass).
public enum TerraformVerdict: Sendable, Equatable {
    case violation(path: String, message: String)
    case notEvaluated(path: String, reason: String)
}

/// A rule over evaluated resource instances, one Swift file per rule.
public protocol TerraformRule: RuleDescribing {
    static var resourceTypes: Set<String> { get }
    static func check(_ instance: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict]
    /// The check at a compliance level's thresholds; rules without thresholds ignore them.
    static func check(_ instance: ResourceInstance, in module: TerraformModule, settings: RuleSettings) -> [TerraformVerdict]
}

extension TerraformRule {
    public static func check(_ instance: ResourceInstance, in module: TerraformModule, settings: RuleSettings) -> [TerraformVerdict] {
        check(instance, in: module)
    }
}

extension TerraformRule {
    /// `check`, plus the "every reachable branch" rule for dynamic blocks whose `for_each`
    /// is a conditional over an unknown: fail when every branch fails, pass when every
    /// branch passes, otherwise keep the "not evaluated" verdict.
    public static func evaluate(_ r: ResourceInstance, in module: TerraformModule, settings: RuleSettings = .standard) -> [TerraformVerdict] {
        let direct = check(r, in: module, settings: settings)
        guard direct.contains(where: { if case .notEvaluated = $0 { return true } else { return false } }), let branches = r.branches() else { return direct }
        let results = branches.map { check($0, in: module, settings: settings) }
        if results.allSatisfy({ $0.isEmpty }) { return [] }
        func firstViolation(_ verdicts: [TerraformVerdict]) -> (path: String, message: String)? {
            for v in verdicts { if case .violation(let path, let message) = v { return (path, message) } }
            return nil
        }
        if results.allSatisfy({ firstViolation($0) != nil }), let (path, message) = firstViolation(results[0]) {
            let base = message.hasSuffix(".") ? String(message.dropLast()) : message
            return [.violation(path: path, message: base + " in every branch of a dynamic block's for_each.")]
        }
        return direct
    }
}
