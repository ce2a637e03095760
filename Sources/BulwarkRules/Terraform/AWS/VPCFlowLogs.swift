import BulwarkCore
import BulwarkTerraform

/// Flow logs are the network record of an incident: which addresses talked to what, and how much left.
enum VPCFlowLogs: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-VPC-001", title: "VPCs have flow logs", severity: .medium, pack: "terraform-aws",
        rationale: "Flow logs are the network record of an incident: which addresses talked to what, and how much left.",
        remediation: "Add an aws_flow_log with vpc_id set to the VPC.",
        controls: controls("cis-aws:3.9", "soc2:CC7.2", "pci:10.2.1", "nist:AU-12"), aliases: ["CKV2_AWS_11"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_vpc\" \"x\" {\n  ↓cidr_block = \"10.0.0.0/16\"\n}\n"],
        passing: ["resource \"aws_vpc\" \"x\" {\n  cidr_block = \"10.0.0.0/16\"\n}\nresource \"aws_flow_log\" \"x\" {\n  vpc_id       = aws_vpc.x.id\n  traffic_type = \"ALL\"\n}\n"])

    static let resourceTypes: Set<String> = ["aws_vpc"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.connected(r, in: module, type: "aws_flow_log", via: "vpc_id", byName: []).isEmpty
            ? [.violation(path: "cidr_block", message: "\(r.address) has no aws_flow_log.")] : []
    }
}
