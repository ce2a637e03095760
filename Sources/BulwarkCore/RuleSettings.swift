/// The thresholds a compliance level tunes. Rules read them instead of hard-coding one
/// number, so "retention is set" (standard) and "retention ≥ 365 days" (PCI DSS 10.5.1)
/// are the same check at two strictnesses, with one rule id and one set of control mappings.
public struct RuleSettings: Sendable, Equatable {
    /// Minimum log retention in days (CloudWatch log groups); 1 means "set to anything".
    public var logRetentionDays = 1
    /// Minimum automated-backup retention in days (RDS).
    public var backupRetentionDays = 1
    /// Longest allowed interval between secret rotations, in days.
    public var secretRotationDays = 90

    public init(logRetentionDays: Int = 1, backupRetentionDays: Int = 1, secretRotationDays: Int = 90) {
        self.logRetentionDays = logRetentionDays
        self.backupRetentionDays = backupRetentionDays
        self.secretRotationDays = secretRotationDays
    }

    public static let standard = RuleSettings()

    /// Every setting: its name in level files, what it means, and its value here.
    public static let documentation: [(name: String, meaning: String)] = [
        ("logRetentionDays", "minimum days a log group keeps its logs (AWS-LOG-001)"),
        ("backupRetentionDays", "minimum days of automated database backups (AWS-RDS-003)"),
        ("secretRotationDays", "longest interval between secret rotations, in days (AWS-SM-001)"),
    ]

    public subscript(name: String) -> Int? {
        get {
            switch name {
            case "logRetentionDays": logRetentionDays
            case "backupRetentionDays": backupRetentionDays
            case "secretRotationDays": secretRotationDays
            default: nil
            }
        }
        set {
            guard let newValue else { return }
            switch name {
            case "logRetentionDays": logRetentionDays = newValue
            case "backupRetentionDays": backupRetentionDays = newValue
            case "secretRotationDays": secretRotationDays = newValue
            default: break
            }
        }
    }
}
