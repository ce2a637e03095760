import BulwarkCore
import BulwarkTerraform

/// Deleting a load balancer changes its DNS name; everything pointing at it breaks.
enum LoadBalancerDeletionProtection: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-LB-001", title: "Load balancers have deletion protection", severity: .low, pack: "terraform-aws",
        rationale: "An accidentally destroyed load balancer takes the service offline and gets a new DNS name that clients and records do not know.",
        remediation: "Set enable_deletion_protection = true.",
        controls: controls("soc2:A1.2", "nist:CP-10"), aliases: ["CKV_AWS_150"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_lb\" \"x\" {\n  name                       = \"web\"\n  ↓enable_deletion_protection = false\n}\n"],
        passing: ["resource \"aws_lb\" \"x\" {\n  name                       = \"web\"\n  enable_deletion_protection = true\n}\n"])

    static let resourceTypes: Set<String> = ["aws_lb", "aws_alb"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "enable_deletion_protection", true, whenMissing: false)
    }
}
