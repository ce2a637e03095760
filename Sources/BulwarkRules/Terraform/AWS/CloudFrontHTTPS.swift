import BulwarkCore
import BulwarkTerraform

/// allow-all lets viewers use plain HTTP, exposing cookies and content to anyone on the path.
enum CloudFrontHTTPS: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-CF-001", title: "CloudFront distributions redirect or require HTTPS", severity: .medium, pack: "terraform-aws",
        rationale: "allow-all lets viewers use plain HTTP, exposing cookies and content to anyone on the path.",
        remediation: "Set viewer_protocol_policy = \"redirect-to-https\" (or https-only) on every cache behavior.",
        controls: controls("soc2:CC6.7", "pci:4.2.1", "hipaa:164.312(e)(1)", "nist:SC-8"), aliases: ["CKV_AWS_34"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_cloudfront_distribution\" \"x\" {\n  enabled = true\n  default_cache_behavior {\n    target_origin_id       = \"web\"\n    ↓viewer_protocol_policy = \"allow-all\"\n  }\n}\n"],
        passing: ["resource \"aws_cloudfront_distribution\" \"x\" {\n  enabled = true\n  default_cache_behavior {\n    target_origin_id       = \"web\"\n    viewer_protocol_policy = \"redirect-to-https\"\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["aws_cloudfront_distribution"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        for b in ["default_cache_behavior", "ordered_cache_behavior"] {
            if let reason = r.unknown[b] { return [.notEvaluated(path: b, reason: reason)] }
            for e in r.elements(b) {
                let v = AttributeCheck.require(r, e + ".viewer_protocol_policy") { v in v.stringValue == "allow-all" ? "lets viewers use plain HTTP (viewer_protocol_policy = allow-all)" : nil }
                if !v.isEmpty { return v }
            }
        }
        return []
    }
}
