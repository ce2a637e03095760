import BulwarkCore
import BulwarkTerraform

/// A rotation schedule longer than 90 days gives a leaked secret a quarter of a year; a
/// level can shorten the interval (secretRotationDays).
enum SecretRotationPeriod: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-SM-001", title: "Secrets Manager rotation happens at least every 90 days (or the level's interval)", severity: .medium, pack: "terraform-aws",
        rationale: "Rotation bounds how long a leaked credential stays useful; PCI DSS and most internal policies cap it at 90 days.",
        remediation: "Set rotation_rules { automatically_after_days = 90 } or a shorter schedule_expression such as rate(30 days).",
        controls: controls("soc2:CC6.1", "pci:8.3.9", "nist:IA-5"), aliases: ["CKV_AWS_304"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_secretsmanager_secret_rotation\" \"x\" {\n  secret_id           = \"db\"\n  rotation_lambda_arn = \"arn:aws:lambda:eu-west-1:111122223333:function:rotate\"\n  rotation_rules {\n    ↓automatically_after_days = 180\n  }\n}\n"],
        passing: ["resource \"aws_secretsmanager_secret_rotation\" \"x\" {\n  secret_id           = \"db\"\n  rotation_lambda_arn = \"arn:aws:lambda:eu-west-1:111122223333:function:rotate\"\n  rotation_rules {\n    schedule_expression = \"rate(30 days)\"\n  }\n}\n"],
        stricter: [(RuleSettings(secretRotationDays: 30), "resource \"aws_secretsmanager_secret_rotation\" \"x\" {\n  secret_id           = \"db\"\n  rotation_lambda_arn = \"arn:aws:lambda:eu-west-1:111122223333:function:rotate\"\n  rotation_rules {\n    ↓automatically_after_days = 60\n  }\n}\n")])

    static let resourceTypes: Set<String> = ["aws_secretsmanager_secret_rotation"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        check(r, in: module, settings: .standard)
    }

    static func check(_ r: ResourceInstance, in module: TerraformModule, settings: RuleSettings) -> [TerraformVerdict] {
        let limit = Double(settings.secretRotationDays)
        return AttributeCheck.eachBlock(r, "rotation_rules") { rules -> [TerraformVerdict] in
            if case .known(let e) = r.attribute(rules + ".schedule_expression"), !e.isNull {
                return AttributeCheck.require(r, rules + ".schedule_expression") { v in
                    guard let days = scheduleDays(v.interpolationText) else { return nil }
                    return days > limit ? "rotates every \(Int(days)) days (schedule \(v.interpolationText)), more than \(Int(limit))" : nil
                }
            }
            return AttributeCheck.require(r, rules + ".automatically_after_days") { v in
                guard let days = v.numberValue else { return v.isNull ? nil : "sets automatically_after_days to \(v.interpolationText), which is not a number" }
                return days > limit ? "rotates every \(Int(days)) days, more than \(Int(limit))" : nil
            }
        }
    }

    /// The longest gap between rotations a schedule allows, in days: `rate(n unit)`
    /// exactly; `cron(...)` by its month field (every month unless months are listed).
    static func scheduleDays(_ expression: String) -> Double? {
        let e = expression.trimmingCharacters(in: .whitespaces)
        if e.hasPrefix("rate("), e.hasSuffix(")") {
            let parts = e.dropFirst(5).dropLast().split(separator: " ")
            guard parts.count == 2, let n = Double(parts[0]) else { return nil }
            switch parts[1].lowercased() {
            case "day", "days": return n
            case "hour", "hours": return n / 24
            case "minute", "minutes": return n / 1440
            default: return nil
            }
        }
        if e.hasPrefix("cron("), e.hasSuffix(")") {
            let fields = e.dropFirst(5).dropLast().split(separator: " ")
            guard fields.count >= 4 else { return nil }
            let month = fields[3]
            if month == "*" || month == "?" { return 31 }
            if month.hasPrefix("*/"), let step = Double(month.dropFirst(2)) { return step * 31 }
            let months = month.split(separator: ",").compactMap { Int($0) }.sorted()
            guard !months.isEmpty, months.count == month.split(separator: ",").count else { return nil }
            // Largest gap between listed months, wrapping around the year.
            let gaps = zip(months, months.dropFirst() + [months[0] + 12]).map { $1 - $0 }
            return Double(gaps.max() ?? 12) * 31
        }
        return nil
    }
}
