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

    public static let all = [parseError, suppressionWithoutReason, expiredSuppression]
}
