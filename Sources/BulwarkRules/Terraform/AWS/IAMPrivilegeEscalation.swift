import BulwarkCore
import BulwarkTerraform

/// Actions such as iam:CreatePolicyVersion, iam:AttachUserPolicy or iam:UpdateLoginProfile on every resource let the holder grant themselves (or take over) any identity's permissions.
enum IAMPrivilegeEscalation: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-IAM-003", title: "IAM policies do not allow privilege escalation on any resource", severity: .high, pack: "terraform-aws",
        rationale: "Actions such as iam:CreatePolicyVersion, iam:AttachUserPolicy or iam:UpdateLoginProfile on every resource let the holder grant themselves (or take over) any identity's permissions.",
        remediation: "Scope IAM write actions to the specific principals they manage, or remove them and use a reviewed deployment role.",
        controls: controls("soc2:CC6.3", "pci:7.2.2", "nist:AC-6"), aliases: ["CKV_AWS_286"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_iam_policy\" \"x\" {\n  name   = \"helpdesk\"\n  ↓policy = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{ Effect = \"Allow\", Action = [\"iam:UpdateLoginProfile\"], Resource = \"*\" }]\n  })\n}\n"],
        passing: ["resource \"aws_iam_policy\" \"x\" {\n  name   = \"helpdesk\"\n  policy = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{ Effect = \"Allow\", Action = [\"iam:UpdateLoginProfile\"], Resource = \"arn:aws:iam::111122223333:user/contractors/*\" }]\n  })\n}\n"])

    static let resourceTypes: Set<String> = ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        switch PolicyDocument.read(r, "policy", in: module) {
        case .absent: return []
        case .undecided(let v): return [v]
        case .statements(let statements):
            for s in statements where s.allows && s.resources.contains("*") {
                if let action = s.actions.first(where: { a in Self.escalation.contains(a.lowercased()) }) {
                    return [.violation(path: "policy", message: "\(r.address) allows \(action) on every resource, a privilege-escalation path.")]
                }
            }
            return []
        }
    }

    /// IAM actions that let a principal raise its own privileges (Rhino Security Labs' list).
    static let escalation: Set<String> = [
        "iam:createpolicyversion", "iam:setdefaultpolicyversion", "iam:attachuserpolicy", "iam:attachgrouppolicy",
        "iam:attachrolepolicy", "iam:putuserpolicy", "iam:putgrouppolicy", "iam:putrolepolicy", "iam:addusertogroup",
        "iam:createaccesskey", "iam:createloginprofile", "iam:updateloginprofile", "iam:updateassumerolepolicy",
        "iam:passrole", "iam:*", "lambda:updatefunctioncode",
    ]
}
