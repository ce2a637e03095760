import BulwarkCore
import BulwarkTerraform

/// RDP is the other remote-login door ransomware crews scan for.
enum SecurityGroupOpenRDP: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-SG-002", title: "Security groups do not allow RDP from anywhere", severity: .high, pack: "terraform-aws",
        rationale: "Port 3389 open to 0.0.0.0/0 or ::/0 exposes Windows hosts to credential stuffing and RDP exploits from the whole internet.",
        remediation: "Restrict the source to known CIDRs or a bastion security group, or reach hosts through SSM Session Manager or a VPN.",
        controls: controls("cis-aws:5.3", "soc2:CC6.6", "pci:1.3.1", "nist:SC-7"), aliases: ["CKV_AWS_25"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_security_group_rule\" \"x\" {\n  type        = \"ingress\"\n  from_port   = 3389\n  to_port     = 3389\n  protocol    = \"tcp\"\n  ↓cidr_blocks = [\"0.0.0.0/0\"]\n}\n"],
        passing: ["resource \"aws_security_group_rule\" \"x\" {\n  type        = \"ingress\"\n  from_port   = 3389\n  to_port     = 3389\n  protocol    = \"tcp\"\n  cidr_blocks = [\"10.0.0.0/8\"]\n}\n"])

    static let resourceTypes = IngressOpenPort.resourceTypes

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        IngressOpenPort.check(r, port: 3389)
    }
}
