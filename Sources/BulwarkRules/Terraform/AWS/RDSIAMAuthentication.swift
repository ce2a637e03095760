import BulwarkCore
import BulwarkTerraform

/// IAM authentication replaces long-lived database passwords with short-lived tokens
/// tied to an identity that can be revoked centrally.
enum RDSIAMAuthentication: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-RDS-002", title: "RDS databases accept IAM authentication", severity: .low, pack: "terraform-aws",
        rationale: "Shared static passwords leak into CI logs and laptops and are rarely rotated; IAM tokens expire in 15 minutes and are audited in CloudTrail.",
        remediation: "Set iam_database_authentication_enabled = true and grant rds-db:connect to the roles that need access.",
        controls: controls("soc2:CC6.1", "pci:8.3.1", "hipaa:164.312(d)", "nist:IA-2"), aliases: ["CKV_AWS_162", "CKV_AWS_161"])

    static let examples = RuleExamples(
        triggering: ["↓resource \"aws_rds_cluster\" \"x\" {\n  engine = \"aurora-postgresql\"\n}\n"],
        passing: ["resource \"aws_rds_cluster\" \"x\" {\n  engine                              = \"aurora-postgresql\"\n  iam_database_authentication_enabled = true\n}\n"])

    static let resourceTypes: Set<String> = ["aws_db_instance", "aws_rds_cluster"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "iam_database_authentication_enabled", true, whenMissing: false)
    }
}
