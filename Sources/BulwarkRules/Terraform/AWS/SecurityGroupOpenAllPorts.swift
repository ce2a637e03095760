import BulwarkCore
import BulwarkTerraform

/// Every port open to the world exposes whatever happens to listen on the host,
/// including services nobody meant to publish.
enum SecurityGroupOpenAllPorts: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-SG-003", title: "Security groups do not allow all ports from anywhere", severity: .critical, pack: "terraform-aws",
        rationale: "An all-ports ingress from 0.0.0.0/0 or ::/0 publishes every service on the instance — databases, admin consoles, debug ports — to the internet.",
        remediation: "Open only the ports the service needs, from the sources that need them.",
        controls: controls("cis-aws:5.2", "soc2:CC6.6", "pci:1.3.1", "nist:SC-7"), aliases: ["CKV_AWS_277"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_security_group\" \"x\" {\n  ingress {\n    from_port   = 0\n    to_port     = 0\n    protocol    = \"-1\"\n    ↓cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n"],
        passing: ["resource \"aws_security_group\" \"x\" {\n  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n"])

    static let resourceTypes = IngressOpenPort.resourceTypes

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        IngressOpenPort.check(r, port: nil)
    }
}
