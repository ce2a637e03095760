import BulwarkCore
import BulwarkTerraform

/// Unrestricted egress lets a compromised workload exfiltrate data and reach command-and-control servers on any port.
enum SecurityGroupOpenEgress: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-SG-004", title: "Security groups do not allow all egress to anywhere", severity: .low, pack: "terraform-aws",
        rationale: "Unrestricted egress lets a compromised workload exfiltrate data and reach command-and-control servers on any port.",
        remediation: "Limit egress to the destinations and ports the workload needs (VPC endpoints, proxies).",
        controls: controls("soc2:CC6.6", "pci:1.3.2", "nist:SC-7"), aliases: ["CKV_AWS_382"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_security_group\" \"x\" {\n  egress {\n    from_port   = 0\n    to_port     = 0\n    protocol    = \"-1\"\n    ↓cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n"],
        passing: ["resource \"aws_security_group\" \"x\" {\n  egress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_egress_rule"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        var rules: [(String, [String], String)] = []
        switch r.type {
        case "aws_security_group":
            if let reason = r.unknown["egress"] { return [.notEvaluated(path: "egress", reason: reason)] }
            rules = r.elements("egress").map { ($0 + ".", ["cidr_blocks", "ipv6_cidr_blocks"], "protocol") }
        case "aws_security_group_rule":
            guard r.attribute("type").known?.stringValue == "egress" else { return [] }
            rules = [("", ["cidr_blocks", "ipv6_cidr_blocks"], "protocol")]
        default:
            rules = [("", ["cidr_ipv4", "cidr_ipv6"], "ip_protocol")]
        }
        for (prefix, cidrKeys, protoKey) in rules {
            guard case .known(let p) = r.attribute(prefix + protoKey), ["-1", "all"].contains(p.interpolationText.lowercased()) else { continue }
            for key in cidrKeys {
                switch r.attribute(prefix + key) {
                case .unknown(let reason): return [.notEvaluated(path: prefix + key, reason: reason)]
                case .known(let v):
                    if let open = IngressOpenPort.openCIDR(v) {
                        return [.violation(path: prefix + key, message: "\(r.address) allows all egress to \(open).")]
                    }
                }
            }
        }
        return []
    }
}
