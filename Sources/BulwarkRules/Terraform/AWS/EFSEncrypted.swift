import BulwarkCore
import BulwarkTerraform

/// Shared file systems hold uploads, exports and home directories; unencrypted, backups and the storage expose them.
enum EFSEncrypted: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-EFS-001", title: "EFS file systems are encrypted", severity: .medium, pack: "terraform-aws",
        rationale: "Shared file systems hold uploads, exports and home directories; unencrypted, backups and the storage expose them.",
        remediation: "Set encrypted = true at creation.",
        controls: controls("soc2:CC6.1", "pci:3.5.1", "hipaa:164.312(a)(2)(iv)", "nist:SC-28"), aliases: ["CKV_AWS_42"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_efs_file_system\" \"x\" {\n  creation_token = \"shared\"\n  ↓encrypted      = false\n}\n"],
        passing: ["resource \"aws_efs_file_system\" \"x\" {\n  creation_token = \"shared\"\n  encrypted      = true\n}\n"])

    static let resourceTypes: Set<String> = ["aws_efs_file_system"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "encrypted", true, whenMissing: false)
    }
}
