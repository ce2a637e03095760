import BulwarkCore
import BulwarkTerraform

/// `"Action": "*"` on `"Resource": "*"` is administrator access; granted through an
/// ad-hoc policy it escapes the review that the managed AdministratorAccess gets.
enum IAMFullAdmin: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-IAM-001", title: "IAM policies do not grant full administrative privileges", severity: .high, pack: "terraform-aws",
        rationale: "A policy allowing every action on every resource lets its holder do anything, including erase audit trails and create new admins.",
        remediation: "Grant only the actions and resources the workload needs; keep administrator access to break-glass roles.",
        controls: controls("cis-aws:1.16", "soc2:CC6.3", "pci:7.2.2", "hipaa:164.308(a)(4)", "nist:AC-6"), aliases: ["CKV_AWS_62", "CKV_AWS_63", "CKV_AWS_1"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_iam_policy\" \"x\" {\n  name   = \"deploy\"\n  ↓policy = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{ Effect = \"Allow\", Action = \"*\", Resource = \"*\" }]\n  })\n}\n",
                     "data \"aws_iam_policy_document\" \"admin\" {\n  statement {\n    actions   = [\"*\"]\n    resources = [\"*\"]\n  }\n}\nresource \"aws_iam_role_policy\" \"x\" {\n  role   = \"deploy\"\n  ↓policy = data.aws_iam_policy_document.admin.json\n}\n"],
        passing: ["resource \"aws_iam_policy\" \"x\" {\n  name   = \"deploy\"\n  policy = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{ Effect = \"Allow\", Action = [\"s3:GetObject\"], Resource = \"arn:aws:s3:::artifacts/*\" }]\n  })\n}\n"])

    static let resourceTypes: Set<String> = ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy",
                                             "aws_ssoadmin_permission_set_inline_policy"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        let path = r.type == "aws_ssoadmin_permission_set_inline_policy" ? "inline_policy" : "policy"
        switch PolicyDocument.read(r, path, in: module) {
        case .absent: return []
        case .undecided(let v): return [v]
        case .statements(let statements):
            let admin = statements.contains { $0.allows && $0.actions.contains { $0 == "*" || $0 == "*:*" } && $0.resources.contains("*") }
            return admin ? [.violation(path: path, message: "\(r.address) allows every action (\"*\") on every resource (\"*\").")] : []
        }
    }
}
