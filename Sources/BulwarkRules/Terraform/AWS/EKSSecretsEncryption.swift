import BulwarkCore
import BulwarkTerraform

/// Envelope encryption keeps Secrets unreadable in etcd snapshots and backups, and makes reading them a KMS-audited action.
enum EKSSecretsEncryption: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-EKS-003", title: "EKS clusters encrypt Kubernetes secrets with KMS", severity: .medium, pack: "terraform-aws",
        rationale: "Envelope encryption keeps Secrets unreadable in etcd snapshots and backups, and makes reading them a KMS-audited action.",
        remediation: "Add encryption_config { resources = [\"secrets\"], provider { key_arn = <KMS key ARN> } }.",
        controls: controls("cis-eks:5.3.1", "soc2:CC6.1", "pci:3.5.1", "nist:SC-28"), aliases: ["CKV_AWS_58"])

    static let examples = RuleExamples(
        triggering: ["↓resource \"aws_eks_cluster\" \"x\" {\n  name     = \"prod\"\n  role_arn = \"arn:aws:iam::111122223333:role/eks\"\n}\n"],
        passing: ["resource \"aws_eks_cluster\" \"x\" {\n  name     = \"prod\"\n  role_arn = \"arn:aws:iam::111122223333:role/eks\"\n  encryption_config {\n    resources = [\"secrets\"]\n    provider {\n      key_arn = \"arn:aws:kms:eu-west-1:111122223333:key/abcd\"\n    }\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["aws_eks_cluster"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        if let reason = r.unknown["encryption_config"] { return [.notEvaluated(path: "encryption_config", reason: reason)] }
        for config in r.elements("encryption_config") {
            switch r.attribute(config + ".resources") {
            case .unknown(let reason): return [.notEvaluated(path: config + ".resources", reason: reason)]
            case .known(let v): if v.arrayValue?.contains(.string("secrets")) == true { return [] }
            }
        }
        return [.violation(path: "encryption_config", message: "\(r.address) does not encrypt Kubernetes secrets with a KMS key.")]
    }
}
