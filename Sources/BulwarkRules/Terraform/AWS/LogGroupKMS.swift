import BulwarkCore
import BulwarkTerraform

/// Logs capture tokens, payloads and personal data; a customer key adds access control
/// and an audit trail on top of CloudWatch's default encryption.
enum LogGroupKMS: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-LOG-002", title: "CloudWatch log groups are encrypted with a KMS key", severity: .low, pack: "terraform-aws",
        rationale: "A customer-managed key lets you restrict and audit who can read logs, and revoke access by disabling the key.",
        remediation: "Set kms_key_id to a KMS key ARN whose policy allows the CloudWatch Logs service.",
        controls: controls("soc2:CC6.1", "pci:3.5.1", "hipaa:164.312(a)(2)(iv)", "nist:SC-28"), aliases: ["CKV_AWS_158"])

    static let examples = RuleExamples(
        triggering: ["↓resource \"aws_cloudwatch_log_group\" \"x\" {\n  name              = \"/app/api\"\n  retention_in_days = 365\n}\n"],
        passing: ["resource \"aws_cloudwatch_log_group\" \"x\" {\n  name              = \"/app/api\"\n  retention_in_days = 365\n  kms_key_id        = \"arn:aws:kms:eu-west-1:111122223333:key/abcd\"\n}\n"])

    static let resourceTypes: Set<String> = ["aws_cloudwatch_log_group"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requirePresent(r, "kms_key_id", meaning: "only the AWS-owned default key protects the logs")
    }
}
