import BulwarkCore
import BulwarkTerraform

/// One check for "port P reachable from the whole internet" across the three ways AWS
/// security group ingress is written: inline `ingress` blocks (dynamic ones expanded),
/// `aws_security_group_rule` and `aws_vpc_security_group_ingress_rule`, IPv4 and IPv6.
enum IngressOpenPort {
    static let resourceTypes: Set<String> = ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"]

    /// `port` nil means "every port": only rules opening the whole range count.
    static func check(_ r: ResourceInstance, port: Int?) -> [TerraformVerdict] {
        switch r.type {
        case "aws_security_group":
            if let reason = r.unknown["ingress"] { return [.notEvaluated(path: "ingress", reason: reason)] }
            return (0..<r.count("ingress")).flatMap { i in rule(r, port: port, prefix: "ingress.\(i).", cidrKeys: ["cidr_blocks", "ipv6_cidr_blocks"], protocolKey: "protocol") }
        case "aws_security_group_rule":
            guard r.attribute("type").known?.stringValue == "ingress" else { return [] }
            return rule(r, port: port, prefix: "", cidrKeys: ["cidr_blocks", "ipv6_cidr_blocks"], protocolKey: "protocol")
        default:
            return rule(r, port: port, prefix: "", cidrKeys: ["cidr_ipv4", "cidr_ipv6"], protocolKey: "ip_protocol")
        }
    }

    static func openCIDR(_ v: Value) -> String? {
        let cidrs = v.arrayValue?.compactMap(\.stringValue) ?? v.stringValue.map { [$0] } ?? []
        return cidrs.first { $0 == "0.0.0.0/0" || $0 == "::/0" }
    }

    /// One ingress definition: open when the port range covers `port` for TCP (or all
    /// protocols) from a world CIDR. Unknown parts make it "not evaluated".
    static func rule(_ r: ResourceInstance, port: Int?, prefix: String, cidrKeys: [String], protocolKey: String) -> [TerraformVerdict] {
        let proto = r.attribute(prefix + protocolKey), from = r.attribute(prefix + "from_port"), to = r.attribute(prefix + "to_port")
        for (name, v) in [(protocolKey, proto), ("from_port", from), ("to_port", to)] {
            if case .unknown(let reason) = v { return [.notEvaluated(path: prefix + name, reason: reason)] }
        }
        let p = proto.known?.interpolationText.lowercased() ?? "tcp"
        guard ["tcp", "6", "-1", "all"].contains(p) else { return [] }
        let all = p == "-1" || p == "all"
        // A missing port (-2) matches nothing; -1 is a real value meaning "all".
        let lo = from.known?.numberValue ?? (all ? 0 : -2), hi = to.known?.numberValue ?? (all ? 65535 : -2)
        // 0–0 and -1–-1 mean every port (as AWS reads them for all-protocol rules, and Checkov for any).
        let everyPort = (lo == 0 && hi == 0) || (lo == -1 && hi == -1)
        let covered = port.map { lo <= Double($0) && Double($0) <= hi } ?? (lo <= 0 && hi >= 65535)
        guard all || everyPort || covered else { return [] }
        let what = port.map { "port \($0)" } ?? "every port"
        for key in cidrKeys {
            switch r.attribute(prefix + key) {
            case .unknown(let reason):
                // Only an unknown CIDR could open the port; unknown sibling sources (security
                // group ids) cannot. A conditional opens it only if every branch does.
                if let values = r.alternatives[prefix + key] {
                    let open = values.map { openCIDR($0) }
                    if open.allSatisfy({ $0 == nil }) { continue }
                    if let first = open.first ?? nil, open.allSatisfy({ $0 != nil }) {
                        return [.violation(path: prefix + key, message: "\(r.address) allows \(what) from \(first) in every branch of its conditional.")]
                    }
                }
                return [.notEvaluated(path: prefix + key, reason: reason)]
            case .known(let v):
                if let open = openCIDR(v) {
                    return [.violation(path: prefix + key, message: "\(r.address) allows \(what) from \(open).")]
                }
            }
        }
        return []
    }
}
