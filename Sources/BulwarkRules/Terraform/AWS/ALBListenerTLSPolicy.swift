import BulwarkCore
import BulwarkTerraform

/// Older ELB security policies still accept TLS 1.0/1.1 and weak ciphers that are downgrade targets.
enum ALBListenerTLSPolicy: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-ALB-002", title: "HTTPS and TLS listeners use a TLS 1.2+ security policy", severity: .medium, pack: "terraform-aws",
        rationale: "Older ELB security policies still accept TLS 1.0/1.1 and weak ciphers that are downgrade targets.",
        remediation: "Set ssl_policy to ELBSecurityPolicy-TLS13-1-2-2021-06 (or another TLS 1.2+ policy).",
        controls: controls("soc2:CC6.7", "pci:4.2.1", "hipaa:164.312(e)(1)", "nist:SC-8"), aliases: ["CKV_AWS_103"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_lb_listener\" \"x\" {\n  load_balancer_arn = \"arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1\"\n  port              = 443\n  protocol          = \"HTTPS\"\n  ↓ssl_policy        = \"ELBSecurityPolicy-2016-08\"\n  certificate_arn   = \"arn:aws:acm:eu-west-1:111122223333:certificate/1\"\n}\n"],
        passing: ["resource \"aws_lb_listener\" \"x\" {\n  load_balancer_arn = \"arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1\"\n  port              = 443\n  protocol          = \"HTTPS\"\n  ssl_policy        = \"ELBSecurityPolicy-TLS13-1-2-2021-06\"\n  certificate_arn   = \"arn:aws:acm:eu-west-1:111122223333:certificate/1\"\n}\n"])

    static let resourceTypes: Set<String> = ["aws_lb_listener", "aws_alb_listener"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        switch r.attribute("protocol") {
        case .unknown(let reason): return [.notEvaluated(path: "protocol", reason: reason)]
        case .known(let p):
            guard ["HTTPS", "TLS"].contains(p.stringValue?.uppercased() ?? "") else { return [] }
        }
        return AttributeCheck.require(r, "ssl_policy") { v in
            guard let policy = v.stringValue else { return "does not set ssl_policy (the default policy allows TLS 1.0)" }
            let modern = ["TLS13", "TLS-1-2", "FS-1-2", "TLS-1-3"].contains { policy.contains($0) }
            return modern ? nil : "uses ssl_policy \(policy), which allows TLS older than 1.2"
        }
    }
}
