import BulwarkCore
import BulwarkTerraform

/// The Kubernetes API is the cluster's control plane; AWS exposes it publicly unless
/// told otherwise.
enum EKSPublicEndpoint: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-EKS-001", title: "EKS cluster API endpoints are not public", severity: .high, pack: "terraform-aws",
        rationale: "A public API endpoint lets anyone on the internet attempt authentication and probe for Kubernetes API vulnerabilities.",
        remediation: "Set vpc_config { endpoint_public_access = false, endpoint_private_access = true } and reach the API through the VPC.",
        controls: controls("cis-eks:5.4.2", "soc2:CC6.6", "pci:1.3.1", "nist:SC-7"), aliases: ["CKV_AWS_39"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_eks_cluster\" \"x\" {\n  name     = \"prod\"\n  role_arn = \"arn:aws:iam::111122223333:role/eks\"\n  vpc_config {\n    subnet_ids             = [\"subnet-1\"]\n    ↓endpoint_public_access = true\n  }\n}\n"],
        passing: ["resource \"aws_eks_cluster\" \"x\" {\n  name     = \"prod\"\n  role_arn = \"arn:aws:iam::111122223333:role/eks\"\n  vpc_config {\n    subnet_ids              = [\"subnet-1\"]\n    endpoint_private_access = true\n    endpoint_public_access  = false\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["aws_eks_cluster"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        return AttributeCheck.eachBlock(r, "vpc_config") { AttributeCheck.requireBool(r, $0 + ".endpoint_public_access", false, whenMissing: true) }
    }
}
