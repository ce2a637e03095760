import BulwarkCore
import BulwarkTerraform

/// The default *.cloudfront.net certificate and TLSv1/TLSv1.1 minimums let viewers negotiate deprecated protocols.
enum CloudFrontTLS12: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-CF-002", title: "CloudFront distributions require TLS 1.2 or newer from viewers", severity: .medium, pack: "terraform-aws",
        rationale: "The default *.cloudfront.net certificate and TLSv1/TLSv1.1 minimums let viewers negotiate deprecated protocols.",
        remediation: "Use your own certificate (acm_certificate_arn) with minimum_protocol_version = \"TLSv1.2_2021\".",
        controls: controls("soc2:CC6.7", "pci:4.2.1", "hipaa:164.312(e)(1)", "nist:SC-8"), aliases: ["CKV_AWS_174"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_cloudfront_distribution\" \"x\" {\n  enabled = true\n  viewer_certificate {\n    acm_certificate_arn      = \"arn:aws:acm:us-east-1:111122223333:certificate/1\"\n    ↓minimum_protocol_version = \"TLSv1\"\n  }\n}\n"],
        passing: ["resource \"aws_cloudfront_distribution\" \"x\" {\n  enabled = true\n  viewer_certificate {\n    acm_certificate_arn      = \"arn:aws:acm:us-east-1:111122223333:certificate/1\"\n    minimum_protocol_version = \"TLSv1.2_2021\"\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["aws_cloudfront_distribution"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        return AttributeCheck.eachBlock(r, "viewer_certificate") { c -> [TerraformVerdict] in
            if case .known(let d) = r.attribute(c + ".cloudfront_default_certificate"), AttributeCheck.bool(d) == true {
                return [.violation(path: c + ".cloudfront_default_certificate", message: "\(r.address) uses the default CloudFront certificate, which accepts TLSv1.")]
            }
            return AttributeCheck.require(r, c + ".minimum_protocol_version") { v in
                (v.stringValue ?? "").hasPrefix("TLSv1.2") || (v.stringValue ?? "").hasPrefix("TLSv1.3") ? nil
                    : v.isNull ? "does not set minimum_protocol_version (defaults to TLSv1)" : "sets minimum_protocol_version = \(v.interpolationText)"
            }
        }
    }
}
