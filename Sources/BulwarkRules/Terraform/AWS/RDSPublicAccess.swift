import BulwarkCore
import BulwarkTerraform

/// A publicly accessible database gets a public DNS name and IP; one weak password or unpatched engine away from a breach.
enum RDSPublicAccess: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-RDS-005", title: "RDS instances are not publicly accessible", severity: .critical, pack: "terraform-aws",
        rationale: "A publicly accessible database gets a public DNS name and IP; one weak password or unpatched engine away from a breach.",
        remediation: "Set publicly_accessible = false and reach the database from inside the VPC.",
        controls: controls("cis-aws:2.3.3", "soc2:CC6.6", "pci:1.4.4", "hipaa:164.312(e)(1)", "nist:SC-7"), aliases: ["CKV_AWS_17"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_db_instance\" \"x\" {\n  engine              = \"postgres\"\n  ↓publicly_accessible = true\n}\n"],
        passing: ["resource \"aws_db_instance\" \"x\" {\n  engine              = \"postgres\"\n  publicly_accessible = false\n}\n"])

    static let resourceTypes: Set<String> = ["aws_db_instance", "aws_rds_cluster_instance"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "publicly_accessible", false, whenMissing: false)
    }
}
