import BulwarkCore
import BulwarkTerraform

/// SSH open to the internet is the most-scanned door there is.
enum SecurityGroupOpenSSH: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-SG-001", title: "Security groups do not allow SSH from anywhere", severity: .high, pack: "terraform-aws",
        rationale: "Port 22 open to 0.0.0.0/0 or ::/0 is found by internet-wide scanners within minutes and brute-forced continuously.",
        remediation: "Restrict the source to known CIDRs or a bastion security group, or use SSM Session Manager instead of SSH.",
        controls: controls("cis-aws:5.2", "soc2:CC6.6", "pci:1.3.1", "nist:SC-7"), aliases: ["CKV_AWS_24"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_security_group\" \"x\" {\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n    ↓cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n",
                     "resource \"aws_vpc_security_group_ingress_rule\" \"x\" {\n  from_port   = 0\n  to_port     = 65535\n  ip_protocol = \"-1\"\n  ↓cidr_ipv4   = \"0.0.0.0/0\"\n}\n"],
        passing: ["resource \"aws_security_group\" \"x\" {\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = [\"10.0.0.0/8\"]\n  }\n  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n"])

    static let resourceTypes = IngressOpenPort.resourceTypes

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        IngressOpenPort.check(r, port: 22)
    }
}
