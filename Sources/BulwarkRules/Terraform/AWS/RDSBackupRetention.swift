import BulwarkCore
import BulwarkTerraform

/// A retention of 0 turns automated backups off; AWS caps it at 35 days, so a larger
/// value fails at apply and leaves the database without the intended backups.
enum RDSBackupRetention: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-RDS-003", title: "RDS automated backups are enabled with a valid retention", severity: .medium, pack: "terraform-aws",
        rationale: "Automated backups and point-in-time recovery are the last line of defence against corruption, bad migrations and ransomware.",
        remediation: "Set backup_retention_period between 1 and 35 days (7 or more for production).",
        controls: controls("soc2:A1.2", "hipaa:164.308(a)(7)(ii)(A)", "pci:12.10.1", "nist:CP-9"), aliases: ["CKV_AWS_133"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_db_instance\" \"x\" {\n  engine                  = \"postgres\"\n  ↓backup_retention_period = 0\n}\n"],
        passing: ["resource \"aws_db_instance\" \"x\" {\n  engine                  = \"postgres\"\n  backup_retention_period = 14\n}\n"])

    static let resourceTypes: Set<String> = ["aws_db_instance", "aws_rds_cluster"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.require(r, "backup_retention_period") { v in
            if v.isNull { return nil }  // the provider default keeps one day of backups
            guard let days = v.numberValue ?? Double(v.interpolationText) else { return "sets backup_retention_period to \(v.interpolationText), which is not a number" }
            if days == 0 { return "sets backup_retention_period = 0, which disables automated backups" }
            return days > 35 ? "sets backup_retention_period = \(Int(days)), above the 35-day maximum AWS accepts" : nil
        }
    }
}
