import BulwarkCore
import BulwarkTerraform

/// Database logs (errors, slow queries, audit) are evidence in an investigation only if they leave the instance.
enum RDSLogExports: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-RDS-007", title: "RDS instances export database logs to CloudWatch", severity: .low, pack: "terraform-aws",
        rationale: "Database logs (errors, slow queries, audit) are evidence in an investigation only if they leave the instance.",
        remediation: "Set enabled_cloudwatch_logs_exports (for example [\"postgresql\", \"upgrade\"]).",
        controls: controls("soc2:CC7.2", "pci:10.2.1", "hipaa:164.312(b)", "nist:AU-2"), aliases: ["CKV_AWS_129"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_db_instance\" \"x\" {\n  engine                          = \"postgres\"\n  ↓enabled_cloudwatch_logs_exports = []\n}\n"],
        passing: ["resource \"aws_db_instance\" \"x\" {\n  engine                          = \"postgres\"\n  enabled_cloudwatch_logs_exports = [\"postgresql\", \"upgrade\"]\n}\n"])

    static let resourceTypes: Set<String> = ["aws_db_instance"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.require(r, "enabled_cloudwatch_logs_exports") { v in (v.arrayValue?.isEmpty ?? true) ? "exports no logs to CloudWatch" : nil }
    }
}
