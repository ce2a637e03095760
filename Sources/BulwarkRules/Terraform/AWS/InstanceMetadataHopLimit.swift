import BulwarkCore
import BulwarkTerraform

/// With a hop limit above 1, containers on the host (one network hop further) can reach
/// the instance metadata service and its role credentials.
enum InstanceMetadataHopLimit: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-EC2-003", title: "Instance metadata responses do not travel beyond the instance", severity: .low, pack: "terraform-aws",
        rationale: "A hop limit of 2 or more lets any container on the node fetch the node role's credentials from IMDS.",
        remediation: "Set metadata_options { http_put_response_hop_limit = 1 } and give pods their own identities (IRSA, EKS Pod Identity).",
        controls: controls("soc2:CC6.1", "nist:AC-3"), aliases: ["CKV_AWS_341"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_launch_template\" \"x\" {\n  image_id = \"ami-123\"\n  metadata_options {\n    http_tokens                 = \"required\"\n    ↓http_put_response_hop_limit = 2\n  }\n}\n"],
        passing: ["resource \"aws_launch_template\" \"x\" {\n  image_id = \"ami-123\"\n  metadata_options {\n    http_tokens                 = \"required\"\n    http_put_response_hop_limit = 1\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["aws_instance", "aws_launch_template", "aws_launch_configuration"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        return AttributeCheck.eachBlock(r, "metadata_options") { options in
            AttributeCheck.require(r, options + ".http_put_response_hop_limit") { v in
                guard let n = v.numberValue else { return nil }
                return n > 1 ? "sets http_put_response_hop_limit = \(Int(n)), so containers can reach instance credentials" : nil
            }
        }
    }
}
