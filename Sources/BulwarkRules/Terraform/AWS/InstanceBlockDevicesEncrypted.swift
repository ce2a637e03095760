import BulwarkCore
import BulwarkTerraform

/// Instance and launch-configuration disks are declared inline, so the EBS volume rule
/// never sees them; this rule does. A device restored from a snapshot inherits the
/// snapshot's encryption, so it is not judged here.
enum InstanceBlockDevicesEncrypted: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-EC2-001", title: "Instance and launch configuration block devices are encrypted", severity: .medium, pack: "terraform-aws",
        rationale: "Root and data disks hold application data, credentials and logs; unencrypted, they leak through snapshots and AMIs.",
        remediation: "Declare root_block_device with encrypted = true and set encrypted = true on every ebs_block_device.",
        controls: controls("cis-aws:2.2.1", "soc2:CC6.1", "pci:3.5.1", "hipaa:164.312(a)(2)(iv)", "nist:SC-28"), aliases: ["CKV_AWS_8"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_instance\" \"x\" {\n  ami           = \"ami-123\"\n  instance_type = \"t3.micro\"\n  root_block_device {\n    ↓encrypted = false\n  }\n}\n",
                     "resource \"aws_launch_configuration\" \"x\" {\n  image_id      = \"ami-123\"\n  instance_type = \"t3.micro\"\n  root_block_device {\n    encrypted = true\n  }\n  ebs_block_device {\n    device_name = \"/dev/xvdb\"\n    ↓encrypted   = false\n  }\n}\n"],
        passing: ["resource \"aws_instance\" \"x\" {\n  ami           = \"ami-123\"\n  instance_type = \"t3.micro\"\n  root_block_device {\n    encrypted = true\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["aws_instance", "aws_launch_configuration"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        if let reason = r.unknown["root_block_device"] { return [.notEvaluated(path: "root_block_device", reason: reason)] }
        let roots = r.elements("root_block_device")
        if roots.isEmpty {
            return [.violation(path: "root_block_device", message: "\(r.address) does not declare root_block_device, so its root disk is not encrypted unless the account encrypts by default.")]
        }
        if let reason = r.unknown["ebs_block_device"] { return [.notEvaluated(path: "ebs_block_device", reason: reason)] }
        return (roots + r.elements("ebs_block_device")).flatMap { device -> [TerraformVerdict] in
            if case .known(let snapshot) = r.attribute(device + ".snapshot_id"), AttributeCheck.isSet(snapshot) { return [] }
            return AttributeCheck.requireBool(r, device + ".encrypted", true, whenMissing: false)
        }
    }
}
