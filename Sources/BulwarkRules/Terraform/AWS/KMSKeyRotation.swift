import BulwarkCore
import BulwarkTerraform

/// Rotation limits how much data one compromised key version protects. AWS rotates
/// only symmetric keys, so asymmetric and HMAC keys are out of scope.
enum KMSKeyRotation: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-KMS-001", title: "KMS symmetric keys rotate automatically", severity: .medium, pack: "terraform-aws",
        rationale: "Without rotation, a leaked key version decrypts everything ever written with the key; rotation bounds the blast radius and is required by most frameworks.",
        remediation: "Set enable_key_rotation = true on symmetric encryption keys.",
        controls: controls("cis-aws:3.6", "soc2:CC6.1", "pci:3.7.4", "nist:SC-12"), aliases: ["CKV_AWS_7"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_kms_key\" \"x\" {\n  description         = \"app data\"\n  ↓enable_key_rotation = false\n}\n"],
        passing: ["resource \"aws_kms_key\" \"x\" {\n  description         = \"app data\"\n  enable_key_rotation = true\n}\n",
                  "resource \"aws_kms_key\" \"signing\" {\n  customer_master_key_spec = \"RSA_2048\"\n  key_usage                = \"SIGN_VERIFY\"\n}\n"])

    static let resourceTypes: Set<String> = ["aws_kms_key"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        switch r.attribute("customer_master_key_spec") {
        case .unknown(let reason): return [.notEvaluated(path: "customer_master_key_spec", reason: reason)]
        case .known(let spec):
            guard spec.isNull || spec.stringValue == "SYMMETRIC_DEFAULT" else { return [] }
        }
        return AttributeCheck.requireBool(r, "enable_key_rotation", true, whenMissing: false)
    }
}
