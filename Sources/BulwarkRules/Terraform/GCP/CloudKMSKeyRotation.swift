import BulwarkCore
import BulwarkTerraform

/// Rotation bounds how much data one key version protects and how long a leaked version is useful.
enum CloudKMSKeyRotation: TerraformRule {
    static let metadata = RuleMetadata(
        id: "GCP-KMS-001", title: "Cloud KMS keys rotate at least every 90 days", severity: .medium, pack: "terraform-gcp",
        rationale: "Rotation bounds how much data one key version protects and how long a leaked version is useful.",
        remediation: "Set rotation_period = \"7776000s\" (90 days) or shorter.",
        controls: controls("cis-gcp:1.10", "soc2:CC6.1", "pci:3.7.4", "nist:SC-12"), aliases: ["CKV_GCP_43"])

    static let examples = RuleExamples(
        triggering: ["resource \"google_kms_crypto_key\" \"x\" {\n  name            = \"data\"\n  key_ring        = \"ring\"\n  ↓rotation_period = \"31536000s\"\n}\n"],
        passing: ["resource \"google_kms_crypto_key\" \"x\" {\n  name            = \"data\"\n  key_ring        = \"ring\"\n  rotation_period = \"7776000s\"\n}\n"])

    static let resourceTypes: Set<String> = ["google_kms_crypto_key"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.require(r, "rotation_period") { v in
            guard let s = v.stringValue else { return "does not set rotation_period, so the key never rotates" }
            guard s.hasSuffix("s"), let seconds = Double(s.dropLast()) else { return "sets rotation_period = \(s), which is not a duration in seconds" }
            return seconds > 7_776_000 ? "rotates every \(Int(seconds / 86_400)) days, more than 90" : nil
        }
    }
}
