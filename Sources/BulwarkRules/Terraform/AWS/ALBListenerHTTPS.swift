import BulwarkCore
import BulwarkTerraform

/// An HTTP listener that forwards traffic sends credentials and cookies in clear text.
enum ALBListenerHTTPS: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-ALB-001", title: "Load balancer listeners use HTTPS or redirect to it", severity: .high, pack: "terraform-aws",
        rationale: "An HTTP listener that forwards traffic sends credentials and cookies in clear text.",
        remediation: "Use protocol = \"HTTPS\" with a certificate, or make the HTTP listener's default action a redirect to HTTPS.",
        controls: controls("soc2:CC6.7", "pci:4.2.1", "hipaa:164.312(e)(1)", "nist:SC-8"), aliases: ["CKV_AWS_2"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_lb_listener\" \"x\" {\n  load_balancer_arn = \"arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1\"\n  port              = 80\n  ↓protocol          = \"HTTP\"\n  default_action {\n    type             = \"forward\"\n    target_group_arn = \"arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/1\"\n  }\n}\n"],
        passing: ["resource \"aws_lb_listener\" \"x\" {\n  load_balancer_arn = \"arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1\"\n  port              = 80\n  protocol          = \"HTTP\"\n  default_action {\n    type = \"redirect\"\n    redirect {\n      port        = \"443\"\n      protocol    = \"HTTPS\"\n      status_code = \"HTTP_301\"\n    }\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["aws_lb_listener", "aws_alb_listener"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        switch r.attribute("protocol") {
        case .unknown(let reason): return [.notEvaluated(path: "protocol", reason: reason)]
        case .known(let p):
            guard p.stringValue?.uppercased() == "HTTP" else { return [] }
        }
        if let reason = r.unknown["default_action"] { return [.notEvaluated(path: "default_action", reason: reason)] }
        let redirects = r.elements("default_action").contains { a in
            r.attribute(a + ".type").known?.stringValue == "redirect"
                && r.elements(a + ".redirect").contains { r.attribute($0 + ".protocol").known?.stringValue?.uppercased() == "HTTPS" }
        }
        return redirects ? [] : [.violation(path: "protocol", message: "\(r.address) serves plain HTTP without redirecting to HTTPS.")]
    }
}
