import BulwarkCore
import BulwarkTerraform

/// Control-plane logs are the only record of who did what through the Kubernetes API.
enum EKSControlPlaneLogging: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-EKS-002", title: "EKS clusters send all control-plane logs to CloudWatch", severity: .medium, pack: "terraform-aws",
        rationale: "Without api, audit and authenticator logs there is no evidence of who changed the cluster, and incidents cannot be reconstructed.",
        remediation: "Set enabled_cluster_log_types = [\"api\", \"audit\", \"authenticator\", \"controllerManager\", \"scheduler\"].",
        controls: controls("cis-eks:2.1.1", "soc2:CC7.2", "pci:10.2.1", "hipaa:164.312(b)", "nist:AU-2"), aliases: ["CKV_AWS_37"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_eks_cluster\" \"x\" {\n  name                      = \"prod\"\n  role_arn                  = \"arn:aws:iam::111122223333:role/eks\"\n  ↓enabled_cluster_log_types = [\"api\", \"audit\"]\n}\n"],
        passing: ["resource \"aws_eks_cluster\" \"x\" {\n  name                      = \"prod\"\n  role_arn                  = \"arn:aws:iam::111122223333:role/eks\"\n  enabled_cluster_log_types = [\"api\", \"audit\", \"authenticator\", \"controllerManager\", \"scheduler\"]\n}\n"])

    static let resourceTypes: Set<String> = ["aws_eks_cluster"]
    static let required = ["api", "audit", "authenticator", "controllerManager", "scheduler"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.require(r, "enabled_cluster_log_types") { v in
            let enabled = Set(v.arrayValue?.compactMap(\.stringValue) ?? [])
            let missing = required.filter { !enabled.contains($0) }
            return missing.isEmpty ? nil : "does not enable control-plane log types \(missing.joined(separator: ", "))"
        }
    }
}
