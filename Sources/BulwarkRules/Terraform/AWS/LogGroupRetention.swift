import BulwarkCore
import BulwarkTerraform

/// Retention is where audit evidence lives or dies: unset means "keep forever" in AWS,
/// which nobody budgets for and which frameworks ask to be decided, not defaulted. Levels
/// add a floor (PCI DSS 10.5.1 asks for twelve months of audit log history).
enum LogGroupRetention: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-LOG-001", title: "CloudWatch log groups set a retention period", severity: .low, pack: "terraform-aws",
        rationale: "A deliberate retention period keeps logs as long as investigations and auditors need them, and no longer than privacy rules allow.",
        remediation: "Set retention_in_days to at least the level's logRetentionDays (365 at pci and sox, 2192 at hipaa; any value at standard).",
        controls: controls("soc2:CC7.2", "pci:10.5.1", "hipaa:164.316(b)(2)(i)", "nist:AU-11"), aliases: ["CKV_AWS_66"])

    static let examples = RuleExamples(
        triggering: ["↓resource \"aws_cloudwatch_log_group\" \"x\" {\n  name = \"/app/api\"\n}\n"],
        passing: ["resource \"aws_cloudwatch_log_group\" \"x\" {\n  name              = \"/app/api\"\n  retention_in_days = 365\n}\n"],
        stricter: [(RuleSettings(logRetentionDays: 365), "resource \"aws_cloudwatch_log_group\" \"x\" {\n  name              = \"/app/api\"\n  ↓retention_in_days = 90\n}\n")])

    static let resourceTypes: Set<String> = ["aws_cloudwatch_log_group"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        check(r, in: module, settings: .standard)
    }

    static func check(_ r: ResourceInstance, in module: TerraformModule, settings: RuleSettings) -> [TerraformVerdict] {
        AttributeCheck.require(r, "retention_in_days") { v in
            if v.isNull || v.numberValue == 0 { return "does not set retention_in_days, so logs are kept indefinitely by default" }
            guard let days = v.numberValue ?? Double(v.interpolationText) else { return "sets retention_in_days to \(v.interpolationText), which is not a number" }
            return Int(days) < settings.logRetentionDays ? "keeps logs \(Int(days)) days, less than the \(settings.logRetentionDays) this compliance level requires" : nil
        }
    }
}
