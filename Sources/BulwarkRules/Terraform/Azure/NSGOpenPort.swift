import BulwarkCore
import BulwarkTerraform

/// Azure network security rules open to the internet on a port, written inline
/// (`security_rule` blocks of `azurerm_network_security_group`) or as
/// `azurerm_network_security_rule`. Azure spells "anywhere" several ways.
enum NSGOpenPort {
    static let resourceTypes: Set<String> = ["azurerm_network_security_group", "azurerm_network_security_rule"]
    static let anywhere: Set<String> = ["*", "0.0.0.0", "0.0.0.0/0", "internet", "any", "::/0"]

    static func check(_ r: ResourceInstance, port: Int) -> [TerraformVerdict] {
        if r.type == "azurerm_network_security_rule" { return rule(r, prefix: "", port: port) }
        return AttributeCheck.eachBlock(r, "security_rule") { rule(r, prefix: $0 + ".", port: port) }
    }

    static func rule(_ r: ResourceInstance, prefix: String, port: Int) -> [TerraformVerdict] {
        var values: [String: Value] = [:]
        for key in ["direction", "access", "protocol", "destination_port_range", "destination_port_ranges", "source_address_prefix", "source_address_prefixes"] {
            switch r.attribute(prefix + key) {
            case .unknown(let reason): return [.notEvaluated(path: prefix + key, reason: reason)]
            case .known(let v): values[key] = v
            }
        }
        guard values["direction"]?.stringValue?.lowercased() == "inbound", values["access"]?.stringValue?.lowercased() == "allow" else { return [] }
        let proto = values["protocol"]?.stringValue?.lowercased() ?? "*"
        guard proto == "tcp" || proto == "*" else { return [] }
        let ports = AttributeCheck.strings(values["destination_port_range"]) + AttributeCheck.strings(values["destination_port_ranges"])
        guard ports.contains(where: { covers($0, port) }) else { return [] }
        let sources = AttributeCheck.strings(values["source_address_prefix"]) + AttributeCheck.strings(values["source_address_prefixes"])
        guard let open = sources.first(where: { anywhere.contains($0.lowercased()) }) else { return [] }
        let key = values["source_address_prefix"]?.isNull == false ? "source_address_prefix" : "source_address_prefixes"
        return [.violation(path: prefix + key, message: "\(r.address) allows port \(port) inbound from \(open).")]
    }

    /// "22", "20-30", "*".
    static func covers(_ range: String, _ port: Int) -> Bool {
        if range == "*" { return true }
        let parts = range.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        if parts.count == 1 { return parts[0] == port }
        return parts.count == 2 && parts[0] <= port && port <= parts[1]
    }
}
