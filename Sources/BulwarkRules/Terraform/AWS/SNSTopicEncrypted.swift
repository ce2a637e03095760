import BulwarkCore
import BulwarkTerraform

/// Notifications often carry order, alert or personal data; an encrypted topic keeps it protected at rest and under key policy.
enum SNSTopicEncrypted: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-SNS-001", title: "SNS topics are encrypted at rest", severity: .medium, pack: "terraform-aws",
        rationale: "Notifications often carry order, alert or personal data; an encrypted topic keeps it protected at rest and under key policy.",
        remediation: "Set kms_master_key_id (for example alias/aws/sns, or a customer-managed key).",
        controls: controls("soc2:CC6.1", "pci:3.5.1", "hipaa:164.312(a)(2)(iv)", "nist:SC-28"), aliases: ["CKV_AWS_26"])

    static let examples = RuleExamples(
        triggering: ["↓resource \"aws_sns_topic\" \"x\" {\n  name = \"alerts\"\n}\n"],
        passing: ["resource \"aws_sns_topic\" \"x\" {\n  name              = \"alerts\"\n  kms_master_key_id = \"alias/aws/sns\"\n}\n"])

    static let resourceTypes: Set<String> = ["aws_sns_topic"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requirePresent(r, "kms_master_key_id", meaning: "messages are stored unencrypted")
    }
}
