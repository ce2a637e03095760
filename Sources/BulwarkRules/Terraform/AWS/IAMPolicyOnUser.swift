import BulwarkCore
import BulwarkTerraform

/// Permissions attached to individual users drift out of review; groups and roles keep
/// access tied to a job, not a person.
enum IAMPolicyOnUser: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-IAM-002", title: "IAM policies are attached to groups or roles, not users", severity: .low, pack: "terraform-aws",
        rationale: "Per-user grants are hard to review and linger after people change teams; CIS asks for permissions through groups and roles.",
        remediation: "Attach the policy to a group the user belongs to, or to a role the user assumes.",
        controls: controls("cis-aws:1.15", "soc2:CC6.2", "pci:7.2.1", "nist:AC-2"), aliases: ["CKV_AWS_40"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_iam_user_policy_attachment\" \"x\" {\n  ↓user       = \"alice\"\n  policy_arn = \"arn:aws:iam::aws:policy/ReadOnlyAccess\"\n}\n"],
        passing: ["resource \"aws_iam_group_policy_attachment\" \"x\" {\n  group      = \"auditors\"\n  policy_arn = \"arn:aws:iam::aws:policy/ReadOnlyAccess\"\n}\n"])

    static let resourceTypes: Set<String> = ["aws_iam_user_policy", "aws_iam_user_policy_attachment", "aws_iam_policy_attachment"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        guard r.type == "aws_iam_policy_attachment" else {
            return [.violation(path: "user", message: "\(r.address) attaches a policy directly to a user.")]
        }
        return AttributeCheck.require(r, "users") { v in
            (v.arrayValue?.isEmpty ?? true) ? nil : "attaches a policy directly to users \(AttributeCheck.strings(v).joined(separator: ", "))"
        }
    }
}
