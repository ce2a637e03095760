import BulwarkCore

/// Builds Kyverno's automatic `images` variable: for every container of a Pod (or the
/// pod template of a controller), `images.<containers|initContainers|ephemeralContainers>.<name>`.
enum ImageContext {
    static func images(of resource: Value) -> Value? {
        let kind = resource["kind"]?.stringValue ?? ""
        let podSpec: Value?
        switch kind {
        case "Pod": podSpec = resource["spec"]
        case "CronJob": podSpec = resource["spec"]?["jobTemplate"]?["spec"]?["template"]?["spec"]
        default: podSpec = resource["spec"]?["template"]?["spec"]
        }
        guard let spec = podSpec else { return nil }
        var out = Object()
        for field in ["containers", "initContainers", "ephemeralContainers"] {
            guard case .array(let containers)? = spec[field] else { continue }
            var group = Object()
            for c in containers {
                guard let name = c["name"]?.stringValue, let image = c["image"]?.stringValue,
                      let ref = ImageReference(image) else { continue }
                group[name] = ref.contextValue
            }
            if !group.isEmpty { out[field] = .object(group) }
        }
        return out.isEmpty ? nil : .object(out)
    }
}
