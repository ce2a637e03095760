import BulwarkCore
import BulwarkTerraform

/// The common shape of Terraform rules — "this attribute must hold a safe value, and
/// its provider default is unsafe" — written once so each rule file states only its
/// policy. Every helper turns an unknown value into "not evaluated", never a pass.
enum AttributeCheck {
    /// Terraform's bool conversion: `true`/`false` and the strings "true"/"false".
    static func bool(_ v: Value) -> Bool? {
        if let b = v.boolValue { return b }
        switch v.stringValue { case "true": return true; case "false": return false; default: return nil }
    }

    /// Whether a value counts as set: not null and not the empty string.
    static func isSet(_ v: Value) -> Bool {
        !(v.isNull || v.stringValue == "")
    }

    /// Runs `problem` on the attribute's value; a non-nil result is the violation text
    /// that follows the resource address ("aws_ebs_volume.x <text>.").
    static func require(_ r: ResourceInstance, _ path: String, _ problem: (Value) -> String?) -> [TerraformVerdict] {
        switch r.attribute(path) {
        case .unknown(let reason):
            // A conditional fails only when every branch it can take fails.
            if let values = r.alternatives[path] {
                let problems = values.map(problem)
                if problems.allSatisfy({ $0 == nil }) { return [] }
                if let first = problems.first ?? nil, problems.allSatisfy({ $0 != nil }) {
                    return [.violation(path: path, message: "\(r.address) \(first) in every branch of its conditional.")]
                }
                return [.notEvaluated(path: path, reason: "\(reason); the conditional is insecure in some branches and not others")]
            }
            return [.notEvaluated(path: path, reason: reason)]
        case .known(let v):
            guard problem(v) != nil else { return [] }
            // A sensitive value is judged but never printed.
            let text = r.isSensitive(path) ? "sets \(leaf(path)) to a value that fails this check (sensitive, not shown)" : problem(v)!
            return [.violation(path: path, message: "\(r.address) \(text).")]
        }
    }

    /// A bool that must be `expected`; `whenMissing` is the provider default.
    static func requireBool(_ r: ResourceInstance, _ path: String, _ expected: Bool, whenMissing: Bool) -> [TerraformVerdict] {
        require(r, path) { v in
            if v.isNull { return whenMissing == expected ? nil : "does not set \(leaf(path)) (defaults to \(whenMissing))" }
            guard let b = bool(v) else { return "sets \(leaf(path)) to \(v.interpolationText), which is not a bool" }
            return b == expected ? nil : "sets \(leaf(path)) = \(b)"
        }
    }

    /// An attribute that must be set to something non-empty (a key, a retention period), and
    /// when set, pass `also` (not the provider's own key, say). A reference to another
    /// resource's attribute is set and left alone: its value is not known until apply.
    static func requirePresent(_ r: ResourceInstance, _ path: String, meaning: String, also: ((Value) -> String?)? = nil) -> [TerraformVerdict] {
        if r.setByReference.contains(path) { return [] }
        return require(r, path) { v in isSet(v) ? also?(v) : "does not set \(leaf(path)), so \(meaning)" }
    }

    /// Resources of `type` whose `via` attribute names `r` — the provider-v4 split
    /// resources (`aws_s3_bucket_versioning`) that configure a bucket from outside. When
    /// several instances link by base address (`aws_s3_bucket.this[each.key]`), the one
    /// with the same instance key is the match.
    static func connected(_ r: ResourceInstance, in module: TerraformModule, type: String, via: String = "bucket", byName names: [String] = ["bucket"]) -> [ResourceInstance] {
        let linked = module.instances(ofType: type).filter { $0.links(via, to: r, byName: names) }
        let sameKey = linked.filter { $0.instanceKey == r.instanceKey && !r.instanceKey.isEmpty }
        return sameKey.isEmpty ? linked : sameKey
    }

    /// Runs `check` on each element of a nested block; a block list that is itself
    /// unknown (a dynamic block over an unknown) is "not evaluated".
    static func eachBlock(_ r: ResourceInstance, _ path: String, _ check: (String) -> [TerraformVerdict]) -> [TerraformVerdict] {
        if let reason = r.unknown[path] { return [.notEvaluated(path: path, reason: reason)] }
        return r.elements(path).flatMap(check)
    }

    /// A string or list of strings as strings (IAM policies, CIDR lists, port ranges).
    static func strings(_ v: Value?) -> [String] {
        guard let v else { return [] }
        if let a = v.arrayValue { return a.compactMap { $0.stringValue ?? ($0.isNull ? nil : $0.interpolationText) } }
        return v.stringValue.map { [$0] } ?? (v.isNull ? [] : [v.interpolationText])
    }

    static func leaf(_ path: String) -> String {
        path.split(separator: ".").filter { Int($0) == nil }.joined(separator: ".")
    }
}
