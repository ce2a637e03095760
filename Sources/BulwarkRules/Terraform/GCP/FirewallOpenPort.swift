import BulwarkCore
import BulwarkTerraform

/// A `google_compute_firewall` that lets the whole internet reach a port: ingress,
/// not disabled, a world source range, and an `allow` block whose protocol and ports
/// cover it (no ports means all ports).
enum FirewallOpenPort {
    static let resourceTypes: Set<String> = ["google_compute_firewall"]

    static func check(_ r: ResourceInstance, port: Int) -> [TerraformVerdict] {
        for key in ["direction", "disabled", "source_ranges"] {
            if case .unknown(let reason) = r.attribute(key) { return [.notEvaluated(path: key, reason: reason)] }
        }
        if (r.attribute("direction").known?.stringValue ?? "INGRESS").uppercased() != "INGRESS" { return [] }
        if r.attribute("disabled").known.flatMap(AttributeCheck.bool) == true { return [] }
        let sources = AttributeCheck.strings(r.attribute("source_ranges").known)
        guard let open = sources.first(where: { $0 == "0.0.0.0/0" || $0 == "::/0" }) else { return [] }
        if let reason = r.unknown["allow"] { return [.notEvaluated(path: "allow", reason: reason)] }
        for allow in r.elements("allow") {
            guard case .known(let p) = r.attribute(allow + ".protocol"), case .known(let ports) = r.attribute(allow + ".ports") else {
                return [.notEvaluated(path: allow, reason: "the allowed protocol or ports are unknown before apply")]
            }
            let proto = p.stringValue?.lowercased() ?? ""
            guard proto == "tcp" || proto == "all" || proto == "6" else { continue }
            let list = AttributeCheck.strings(ports)
            if list.isEmpty || list.contains(where: { NSGOpenPort.covers($0, port) }) {
                return [.violation(path: "source_ranges", message: "\(r.address) allows port \(port) from \(open).")]
            }
        }
        return []
    }
}
