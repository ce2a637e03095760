import BulwarkCore
import BulwarkTerraform

/// A retention of 0 turns automated backups off; AWS caps it at 35 days, so a larger
/// value fails at apply and leaves the database without the intended backups. Levels add
/// a floor: a day of backups is a recovery plan for a toy, not for cardholder data.
enum RDSBackupRetention: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-RDS-003", title: "RDS automated backups are enabled with a valid retention", severity: .medium, pack: "terraform-aws",
        rationale: "Automated backups and point-in-time recovery are the last line of defence against corruption, bad migrations and ransomware.",
        remediation: "Set backup_retention_period between the level's backupRetentionDays (7 at pci, sox and hipaa) and 35 days.",
        controls: controls("soc2:A1.2", "hipaa:164.308(a)(7)(ii)(A)", "pci:12.10.1", "nist:CP-9"), aliases: ["CKV_AWS_133"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_db_instance\" \"x\" {\n  engine                  = \"postgres\"\n  ↓backup_retention_period = 0\n}\n"],
        passing: ["resource \"aws_db_instance\" \"x\" {\n  engine                  = \"postgres\"\n  backup_retention_period = 14\n}\n"],
        stricter: [(RuleSettings(backupRetentionDays: 7), "resource \"aws_db_instance\" \"x\" {\n  engine                  = \"postgres\"\n  ↓backup_retention_period = 3\n}\n"),
                   (RuleSettings(backupRetentionDays: 7), "↓resource \"aws_rds_cluster\" \"x\" {\n  engine = \"aurora-postgresql\"\n}\n")])

    static let resourceTypes: Set<String> = ["aws_db_instance", "aws_rds_cluster"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        check(r, in: module, settings: .standard)
    }

    static func check(_ r: ResourceInstance, in module: TerraformModule, settings: RuleSettings) -> [TerraformVerdict] {
        AttributeCheck.require(r, "backup_retention_period") { v in
            if v.isNull {
                // The provider default keeps one day of backups.
                return settings.backupRetentionDays > 1 ? "does not set backup_retention_period (defaults to 1 day), less than the \(settings.backupRetentionDays) this compliance level requires" : nil
            }
            guard let days = v.numberValue ?? Double(v.interpolationText) else { return "sets backup_retention_period to \(v.interpolationText), which is not a number" }
            if days == 0 { return "sets backup_retention_period = 0, which disables automated backups" }
            if days > 35 { return "sets backup_retention_period = \(Int(days)), above the 35-day maximum AWS accepts" }
            return Int(days) < settings.backupRetentionDays ? "keeps \(Int(days)) days of backups, less than the \(settings.backupRetentionDays) this compliance level requires" : nil
        }
    }
}
