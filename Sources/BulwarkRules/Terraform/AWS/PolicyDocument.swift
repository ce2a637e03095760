import BulwarkCore
import BulwarkTerraform

/// One IAM policy statement, normalised from any of the ways Terraform users write
/// policies: a JSON string (heredoc, `jsonencode`, `file`) or a
/// `data "aws_iam_policy_document"` referenced through its `.json`.
struct PolicyStatement {
    var effect: String
    var actions: [String]
    var resources: [String]
    /// Principal identifiers flattened across types; `"*"` alone stands for everyone.
    var principals: [String]
    var hasPrincipal: Bool
    var conditions: [(key: String, values: [String])]

    var allows: Bool { effect.lowercased() == "allow" }

    /// Principal `*` (or `{"AWS": "*"}`) without a condition that pins callers down.
    var isPublic: Bool {
        hasPrincipal && principals.contains("*") && !conditions.contains { PolicyDocument.restricts($0.key, $0.values) }
    }
}

enum PolicyDocument {
    enum Outcome {
        case statements([PolicyStatement])
        case undecided(TerraformVerdict)
        case absent
    }

    /// The statements of the policy at `path`, or why they cannot be known.
    static func read(_ r: ResourceInstance, _ path: String, in module: TerraformModule) -> Outcome {
        if let doc = r.references[path]?.first(where: { $0.hasPrefix("data.aws_iam_policy_document.") }),
           let data = module.instances(ofType: "aws_iam_policy_document").first(where: { $0.baseAddress == doc && $0.modulePath == r.modulePath }) {
            return fromDataSource(data)
        }
        switch r.attribute(path) {
        case .unknown(let reason): return .undecided(.notEvaluated(path: path, reason: reason))
        case .known(let v):
            if v.isNull { return .absent }
            if v.objectValue != nil { return .statements(statements(v)) }
            guard let text = v.stringValue else { return .undecided(.notEvaluated(path: path, reason: "the policy is not a JSON document")) }
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return .absent }
            do { return .statements(statements(try JSONParser.parseValue(text))) } catch {
                return .undecided(.notEvaluated(path: path, reason: "the policy is not valid JSON, which AWS rejects: \(error)"))
            }
        }
    }

    static func statements(_ doc: Value) -> [PolicyStatement] {
        let raw = doc.objectValue?["Statement"]
        let list = raw?.arrayValue ?? (raw?.objectValue != nil ? [raw!] : [])
        return list.compactMap { s in
            guard let o = s.objectValue else { return nil }
            var principals: [String] = []
            let p = o["Principal"]
            if let po = p?.objectValue { for k in po.keys { principals += AttributeCheck.strings(po[k]) } } else { principals = AttributeCheck.strings(p) }
            var conditions: [(String, [String])] = []
            for op in o["Condition"]?.objectValue?.keys ?? [] {
                let block = o["Condition"]?.objectValue?[op]?.objectValue
                for key in block?.keys ?? [] { conditions.append((key, AttributeCheck.strings(block?[key]))) }
            }
            return PolicyStatement(effect: o["Effect"]?.stringValue ?? "Allow", actions: AttributeCheck.strings(o["Action"]), resources: AttributeCheck.strings(o["Resource"]),
                                   principals: principals, hasPrincipal: p != nil && !(p!.isNull), conditions: conditions)
        }
    }

    static func fromDataSource(_ d: ResourceInstance) -> Outcome {
        if let reason = d.unknown["statement"] { return .undecided(.notEvaluated(path: "statement", reason: "\(d.address): \(reason)")) }
        var out: [PolicyStatement] = []
        for s in d.elements("statement") {
            func list(_ key: String) -> [String] { AttributeCheck.strings(d.attribute("\(s).\(key)").known) }
            var principals: [String] = []
            for p in d.elements("\(s).principals") { principals += AttributeCheck.strings(d.attribute("\(p).identifiers").known) }
            var conditions: [(String, [String])] = []
            for c in d.elements("\(s).condition") {
                conditions.append((d.attribute("\(c).variable").known?.stringValue ?? "", AttributeCheck.strings(d.attribute("\(c).values").known)))
            }
            out.append(PolicyStatement(effect: d.attribute("\(s).effect").known?.stringValue ?? "Allow", actions: list("actions"),
                                       resources: list("resources"), principals: principals,
                                       hasPrincipal: !d.elements("\(s).principals").isEmpty, conditions: conditions))
        }
        return .statements(out)
    }

    /// Condition keys that narrow who can use a `*` principal, when their values do:
    /// `arn:aws:iam::*` pins nothing, `arn:aws:iam::123456789012:user/x` does.
    static let narrowingKeys: Set<String> = [
        "aws:principalarn", "aws:principalaccount", "aws:principalorgid", "aws:principalorgpaths", "aws:principalorgpath",
        "aws:sourcevpce", "aws:sourcevpc", "aws:sourcearn", "aws:sourceaccount", "aws:sourceowner", "aws:vpceaccount",
        "aws:userid", "aws:sourceip", "kms:calleraccount", "aws:sourceorgid", "aws:sourceorgpaths",
    ]

    static func restricts(_ key: String, _ values: [String]) -> Bool {
        guard narrowingKeys.contains(key.lowercased()), !values.isEmpty else { return false }
        return values.allSatisfy { v in
            let parts = v.split(separator: ":", omittingEmptySubsequences: false)
            let significant = v.hasPrefix("arn:") ? Array(parts.dropFirst(4)) : parts
            return significant.contains { !$0.isEmpty && $0 != "*" }
        }
    }
}
