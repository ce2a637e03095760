import BulwarkCore
import BulwarkTerraform

/// Account-level default encryption catches every volume a template forgets to encrypt; disabling it removes that net.
enum EBSEncryptionByDefault: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-EBS-002", title: "EBS encryption by default is not turned off", severity: .medium, pack: "terraform-aws",
        rationale: "Account-level default encryption catches every volume a template forgets to encrypt; disabling it removes that net.",
        remediation: "Set enabled = true on aws_ebs_encryption_by_default.",
        controls: controls("soc2:CC6.1", "pci:3.5.1", "hipaa:164.312(a)(2)(iv)", "nist:SC-28"), aliases: ["CKV_AWS_106"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_ebs_encryption_by_default\" \"x\" {\n  ↓enabled = false\n}\n"],
        passing: ["resource \"aws_ebs_encryption_by_default\" \"x\" {\n  enabled = true\n}\n"])

    static let resourceTypes: Set<String> = ["aws_ebs_encryption_by_default"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "enabled", true, whenMissing: true)
    }
}
