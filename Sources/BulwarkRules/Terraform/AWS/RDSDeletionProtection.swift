import BulwarkCore
import BulwarkTerraform

/// A database is one `terraform destroy` or mistaken rename away from gone; deletion
/// protection turns that into an error instead.
enum RDSDeletionProtection: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-RDS-001", title: "RDS databases have deletion protection", severity: .medium, pack: "terraform-aws",
        rationale: "Without deletion protection, a refactor that changes a resource address or a stray destroy deletes the production database.",
        remediation: "Set deletion_protection = true.",
        controls: controls("soc2:A1.2", "nist:CP-9", "sox:ITGC-CM"), aliases: ["CKV_AWS_293", "CKV_AWS_139"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_db_instance\" \"x\" {\n  engine              = \"postgres\"\n  instance_class      = \"db.t3.micro\"\n  ↓deletion_protection = false\n}\n"],
        passing: ["resource \"aws_rds_cluster\" \"x\" {\n  engine              = \"aurora-postgresql\"\n  deletion_protection = true\n}\n"])

    static let resourceTypes: Set<String> = ["aws_db_instance", "aws_rds_cluster"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "deletion_protection", true, whenMissing: false)
    }
}
