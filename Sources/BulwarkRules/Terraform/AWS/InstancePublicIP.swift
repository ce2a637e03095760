import BulwarkCore
import BulwarkTerraform

/// A public IP makes every open port on the instance reachable from the internet; load balancers and NAT should face it instead.
enum InstancePublicIP: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-EC2-004", title: "Instances and launch templates do not get public IPs", severity: .medium, pack: "terraform-aws",
        rationale: "A public IP makes every open port on the instance reachable from the internet; load balancers and NAT should face it instead.",
        remediation: "Set associate_public_ip_address = false and reach instances through a load balancer, SSM or a VPN.",
        controls: controls("soc2:CC6.6", "pci:1.3.1", "nist:SC-7"), aliases: ["CKV_AWS_88"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_instance\" \"x\" {\n  ami           = \"ami-123\"\n  instance_type = \"t3.micro\"\n  ↓associate_public_ip_address = true\n}\n"],
        passing: ["resource \"aws_instance\" \"x\" {\n  ami           = \"ami-123\"\n  instance_type = \"t3.micro\"\n  associate_public_ip_address = false\n}\n"])

    static let resourceTypes: Set<String> = ["aws_instance", "aws_launch_configuration"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "associate_public_ip_address", false, whenMissing: false)
    }
}
