import BulwarkCore
import BulwarkTerraform

/// A disabled detector stops threat detection for the account while looking configured.
enum GuardDutyEnabled: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-GD-001", title: "GuardDuty detectors are enabled", severity: .medium, pack: "terraform-aws",
        rationale: "A disabled detector stops threat detection for the account while looking configured.",
        remediation: "Set enable = true.",
        controls: controls("soc2:CC7.2", "pci:11.5.1", "nist:SI-4"), aliases: ["CKV_AWS_238"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_guardduty_detector\" \"x\" {\n  ↓enable = false\n}\n"],
        passing: ["resource \"aws_guardduty_detector\" \"x\" {\n  enable = true\n}\n"])

    static let resourceTypes: Set<String> = ["aws_guardduty_detector"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "enable", true, whenMissing: true)
    }
}
