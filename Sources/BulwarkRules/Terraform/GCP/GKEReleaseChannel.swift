import BulwarkCore
import BulwarkTerraform

/// Release channels keep the control plane and nodes on supported, patched versions automatically.
enum GKEReleaseChannel: TerraformRule {
    static let metadata = RuleMetadata(
        id: "GCP-GKE-007", title: "GKE clusters are enrolled in a release channel", severity: .low, pack: "terraform-gcp",
        rationale: "Release channels keep the control plane and nodes on supported, patched versions automatically.",
        remediation: "Add release_channel { channel = \"REGULAR\" } (or STABLE).",
        controls: controls("cis-gke:5.5.4", "soc2:CC7.1", "nist:SI-2"), aliases: ["CKV_GCP_70"])

    static let examples = RuleExamples(
        triggering: ["↓resource \"google_container_cluster\" \"x\" {\n  name = \"gke\"\n}\n"],
        passing: ["resource \"google_container_cluster\" \"x\" {\n  name = \"gke\"\n  release_channel {\n    channel = \"REGULAR\"\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["google_container_cluster"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        if let reason = r.unknown["release_channel"] { return [.notEvaluated(path: "release_channel", reason: reason)] }
        guard let c = r.elements("release_channel").first else {
            return [.violation(path: "release_channel", message: "\(r.address) is not in a release channel, so upgrades are manual.")]
        }
        return AttributeCheck.require(r, c + ".channel") { v in v.stringValue == "UNSPECIFIED" ? "sets release channel UNSPECIFIED" : nil }
    }
}
