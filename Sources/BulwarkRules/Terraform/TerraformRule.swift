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
}
