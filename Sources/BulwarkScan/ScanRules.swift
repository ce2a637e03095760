import BulwarkCore

/// Findings the scan itself raises (about files and suppressions, not about resources).
public enum ScanRules {
    public static let parseError = RuleMetadata(
        id: "BULWARK-000", title: "File could not be parsed", severity: .medium, pack: "scan",
        rationale: "A file the scan cannot read is a file no rule checked; it is reported rather than silently skipped.",
        remediation: "Fix the syntax error at the reported position, or exclude the file in .bulwark.yaml.",
        controls: [ControlRef("soc2", "CC8.1")], aliases: [])

    public static let suppressionWithoutReason = RuleMetadata(
        id: "BULWARK-001", title: "Suppression without a reason", severity: .low, pack: "scan",
        rationale: "An exception nobody can explain cannot be reviewed or retired.",
        remediation: "Add reason=\"…\" (and ideally expires=YYYY-MM-DD) to the bulwark:ignore comment, or a reason after the rule in the annotation.",
        controls: [ControlRef("soc2", "CC3.4")], aliases: [])

    public static let expiredSuppression = RuleMetadata(
        id: "BULWARK-002", title: "Suppression or waiver has expired", severity: .low, pack: "scan",
        rationale: "Expired exceptions stop suppressing so that risk accepted for a while does not become risk accepted forever.",
        remediation: "Fix the finding, or renew the exception with a new expiry and approval.",
        controls: [ControlRef("soc2", "CC3.4")], aliases: [])

    public static let terraformEvaluation = RuleMetadata(
        id: "BULWARK-003", title: "Terraform configuration could not be fully evaluated", severity: .low, pack: "scan",
        rationale: "A local in a cycle, an invalid count or a missing module leaves resources the rules cannot see as Terraform would build them; the gap is reported, not guessed around.",
        remediation: "Fix the configuration at the reported position (terraform validate reports the same problem).",
        controls: [ControlRef("soc2", "CC8.1")], aliases: [])

    public static let moduleNotScanned = RuleMetadata(
        id: "BULWARK-004", title: "Remote Terraform module not scanned", severity: .info, pack: "scan",
        rationale: "Registry and git modules are not in the repository, so their resources are not checked here; saying so keeps the coverage honest.",
        remediation: "Scan the module's own repository, or vendor it into the repository and use a local source.",
        controls: [ControlRef("soc2", "CC8.1")], aliases: [])

    public static let all = [parseError, suppressionWithoutReason, expiredSuppression, terraformEvaluation, moduleNotScanned]
}
