import BulwarkCore
import BulwarkTerraform

/// Every instance an Auto Scaling group starts inherits the template's disks; unencrypted there means unencrypted everywhere.
enum LaunchTemplateEBSEncrypted: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-EC2-006", title: "Launch templates encrypt their EBS volumes", severity: .medium, pack: "terraform-aws",
        rationale: "Every instance an Auto Scaling group starts inherits the template's disks; unencrypted there means unencrypted everywhere.",
        remediation: "Set encrypted = \"true\" in every block_device_mappings { ebs { … } }, or enable EBS encryption by default.",
        controls: controls("soc2:CC6.1", "pci:3.5.1", "hipaa:164.312(a)(2)(iv)", "nist:SC-28"), aliases: [])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_launch_template\" \"x\" {\n  image_id = \"ami-123\"\n  block_device_mappings {\n    device_name = \"/dev/xvda\"\n    ebs {\n      volume_size = 20\n      ↓encrypted   = false\n    }\n  }\n}\n"],
        passing: ["resource \"aws_launch_template\" \"x\" {\n  image_id = \"ami-123\"\n  block_device_mappings {\n    device_name = \"/dev/xvda\"\n    ebs {\n      volume_size = 20\n      encrypted   = true\n    }\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["aws_launch_template"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        return AttributeCheck.eachBlock(r, "block_device_mappings") { m in
            r.elements(m + ".ebs").flatMap { ebs -> [TerraformVerdict] in
                if case .known(let snap) = r.attribute(ebs + ".snapshot_id"), AttributeCheck.isSet(snap) { return [] }
                return AttributeCheck.requireBool(r, ebs + ".encrypted", true, whenMissing: false)
            }
        }
    }
}
