import BulwarkCore
import BulwarkTerraform

/// Stream records are business events, often personal data; without server-side encryption they sit in clear text for the retention period.
enum KinesisStreamEncrypted: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-KIN-001", title: "Kinesis streams are encrypted with KMS", severity: .medium, pack: "terraform-aws",
        rationale: "Stream records are business events, often personal data; without server-side encryption they sit in clear text for the retention period.",
        remediation: "Set encryption_type = \"KMS\" and kms_key_id (alias/aws/kinesis or a customer-managed key).",
        controls: controls("soc2:CC6.1", "pci:3.5.1", "hipaa:164.312(a)(2)(iv)", "nist:SC-28"), aliases: ["CKV_AWS_43"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_kinesis_stream\" \"x\" {\n  name            = \"events\"\n  shard_count     = 1\n  ↓encryption_type = \"NONE\"\n}\n"],
        passing: ["resource \"aws_kinesis_stream\" \"x\" {\n  name            = \"events\"\n  shard_count     = 1\n  encryption_type = \"KMS\"\n  kms_key_id      = \"alias/aws/kinesis\"\n}\n"])

    static let resourceTypes: Set<String> = ["aws_kinesis_stream"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.require(r, "encryption_type") { v in
            v.stringValue == "KMS" ? nil : v.isNull ? "does not set encryption_type (defaults to NONE)" : "sets encryption_type = \(v.interpolationText)"
        }
    }
}
