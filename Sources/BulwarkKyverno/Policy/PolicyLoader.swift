import BulwarkCore
import BulwarkJMESPath

/// Turns policy documents into `Policy` values, checking structure and semantics
/// (unknown fields, operators, JMESPath syntax, anchors) with positions for each issue.
public enum PolicyLoader {
    static let specKeys: Set<String> = [
        "rules", "validationFailureAction", "validationFailureActionOverrides", "background", "failurePolicy",
        "webhookTimeoutSeconds", "mutateExistingOnPolicyUpdate", "generateExisting", "generateExistingOnPolicyUpdate",
        "schemaValidation", "admission", "applyRules", "useServerSideApply", "webhookConfiguration", "emitWarning",
    ]
    static let ruleKeys: Set<String> = [
        "name", "match", "exclude", "context", "preconditions", "validate", "mutate", "generate", "verifyImages",
        "imageExtractors", "celPreconditions", "skipBackgroundRequests", "reportProperties",
    ]
    static let validateKeys: Set<String> = [
        "message", "pattern", "anyPattern", "deny", "foreach", "podSecurity", "cel", "manifests", "failureAction",
        "failureActionOverrides", "allowExistingViolations", "assert",
    ]
    static let matchKeys: Set<String> = ["any", "all", "resources", "subjects", "roles", "clusterRoles"]
    static let filterKeys: Set<String> = ["resources", "subjects", "roles", "clusterRoles"]
    static let resourceKeys: Set<String> = ["kinds", "name", "names", "namespaces", "annotations", "selector", "namespaceSelector", "operations"]
    static let conditionKeys: Set<String> = ["key", "operator", "value", "message"]
    static let foreachKeys: Set<String> = ["list", "context", "preconditions", "elementScope", "pattern", "anyPattern", "deny", "foreach"]
    static let contextKeys: Set<String> = ["name", "variable", "configMap", "apiCall", "imageRegistry", "globalReference"]

    public struct Loaded: Sendable {
        public var policy: Policy?
        public var issues: [PolicyIssue]
    }

    /// Whether a document is a Kyverno policy at all (others are skipped silently).
    public static func isPolicy(_ value: Value) -> Bool {
        guard let kind = value["kind"]?.stringValue, kind == "ClusterPolicy" || kind == "Policy" else { return false }
        guard value["apiVersion"]?.stringValue?.hasPrefix("kyverno.io/") ?? false else { return false }
        // A document with only `status` is a test assertion about a policy (chainsaw), not a policy.
        return !(value["spec"] == nil && value["status"] != nil)
    }

    public static func load(_ document: Document) -> Loaded {
        var r = PolicyReader(document)
        let v = document.value
        guard case .object(let top) = v else {
            r.error("a policy must be a mapping", at: [])
            return Loaded(policy: nil, issues: r.issues)
        }
        r.checkKeys(v, ["apiVersion", "kind", "metadata", "spec", "status"], at: [], what: "policy")
        let kind = Policy.Kind(rawValue: top["kind"]?.stringValue ?? "") ?? .clusterPolicy
        guard let name = v["metadata"]?["name"]?.stringValue, !name.isEmpty else {
            r.error("metadata.name is required", at: [.key("metadata")])
            return Loaded(policy: nil, issues: r.issues)
        }
        var annotations: [String: String] = [:]
        for (k, a) in v["metadata"]?["annotations"]?.objectValue ?? Object() {
            annotations[k] = a.interpolationText
        }
        let specPath: [PathComponent] = [.key("spec")]
        guard case .object(let spec)? = top["spec"] else {
            r.error("spec is required and must be a mapping", at: [])
            return Loaded(policy: nil, issues: r.issues)
        }
        r.checkKeys(.object(spec), specKeys, at: specPath, what: "spec")
        var action = FailureAction.audit
        if let raw = spec["validationFailureAction"]?.stringValue {
            if let a = FailureAction(lenient: raw) { action = a } else {
                r.error("validationFailureAction must be Audit or Enforce, got '\(raw)'", at: specPath + [.key("validationFailureAction")])
            }
        }
        var background = true
        if let b = spec["background"] {
            if case .bool(let x) = b { background = x } else { r.error("background must be a boolean", at: specPath + [.key("background")]) }
        }
        var rules: [Rule] = []
        guard case .array(let rawRules)? = spec["rules"] else {
            r.error("spec.rules must be a list", at: specPath)
            return Loaded(policy: nil, issues: r.issues)
        }
        var seen = Set<String>()
        for (i, raw) in rawRules.enumerated() {
            let path = specPath + [.key("rules"), .index(i)]
            guard let rule = loadRule(raw, at: path, reader: &r) else { continue }
            if !seen.insert(rule.name).inserted {
                r.error("duplicate rule name '\(rule.name)'", at: path + [.key("name")])
            }
            rules.append(rule)
        }
        var policy = Policy(kind: kind, name: name, namespace: kind == .policy ? (v["metadata"]?["namespace"]?.stringValue ?? "default") : nil,
                            annotations: annotations, validationFailureAction: action, background: background,
                            declaredRules: rules, rules: rules, source: document.span(at: []),
                            severity: annotations["policies.kyverno.io/severity"])
        policy.rules = Autogen.expand(policy)
        let hasErrors = r.issues.contains { $0.severity == .error }
        return Loaded(policy: hasErrors ? nil : policy, issues: r.issues)
    }

    static func loadRule(_ raw: Value, at path: [PathComponent], reader r: inout PolicyReader) -> Rule? {
        guard case .object(let o) = raw else {
            r.error("a rule must be a mapping", at: path)
            return nil
        }
        r.checkKeys(raw, ruleKeys, at: path, what: "rule")
        guard let name = o["name"]?.stringValue, !name.isEmpty else {
            r.error("rule name is required", at: path)
            return nil
        }
        if name.count > 63 { r.error("rule name '\(name)' is longer than 63 characters", at: path + [.key("name")]) }
        guard let match = loadMatch(o["match"], at: path + [.key("match")], reader: &r, required: true) else { return nil }
        let exclude = o["exclude"].flatMap { _ in loadMatch(o["exclude"], at: path + [.key("exclude")], reader: &r, required: false) }
        let context = loadContext(o["context"], at: path + [.key("context")], reader: &r)
        let preconditions = o["preconditions"].flatMap { loadConditions($0, at: path + [.key("preconditions")], reader: &r) }
        var validation = Validation()
        var failureAction: FailureAction? = nil
        if case .object(let val)? = o["validate"] {
            let vp = path + [.key("validate")]
            r.checkKeys(.object(val), validateKeys, at: vp, what: "validate")
            validation.message = val["message"]?.stringValue
            validation.pattern = val["pattern"]
            if let p = val["pattern"] { checkPattern(p, at: vp + [.key("pattern")], reader: &r) }
            if let ap = val["anyPattern"] {
                if case .array(let list) = ap {
                    validation.anyPattern = list
                    for (i, p) in list.enumerated() { checkPattern(p, at: vp + [.key("anyPattern"), .index(i)], reader: &r) }
                } else {
                    r.error("anyPattern must be a list of patterns", at: vp + [.key("anyPattern")])
                }
            }
            if let deny = val["deny"] {
                validation.deny = loadConditions(deny["conditions"] ?? .object(Object()), at: vp + [.key("deny"), .key("conditions")], reader: &r)
            }
            if let fe = val["foreach"] { validation.foreach = loadForEach(fe, at: vp + [.key("foreach")], reader: &r) }
            if let fa = val["failureAction"]?.stringValue {
                failureAction = FailureAction(lenient: fa)
                if failureAction == nil { r.error("failureAction must be Audit or Enforce", at: vp + [.key("failureAction")]) }
            }
            let kinds = [validation.pattern != nil, validation.anyPattern != nil, validation.deny != nil, validation.foreach != nil,
                         val["podSecurity"] != nil, val["cel"] != nil, val["manifests"] != nil, val["assert"] != nil].filter { $0 }.count
            if kinds == 0 { r.error("validate needs one of pattern, anyPattern, deny, foreach, podSecurity or cel", at: vp) }
            if kinds > 1 { r.error("validate may declare only one of pattern, anyPattern, deny, foreach", at: vp) }
            if let m = validation.message { checkTemplate(m, at: vp + [.key("message")], reader: &r) }
        }
        return Rule(name: name, match: match, exclude: exclude, context: context, preconditions: preconditions,
                    validation: validation, failureAction: failureAction, raw: raw, autogenOf: nil)
    }

    static func loadMatch(_ raw: Value?, at path: [PathComponent], reader r: inout PolicyReader, required: Bool) -> MatchBlock? {
        guard case .object(let o)? = raw else {
            if required { r.error("match is required", at: path) }
            return required ? nil : MatchBlock(any: [], all: [], legacy: nil)
        }
        r.checkKeys(raw, matchKeys, at: path, what: "match/exclude")
        var block = MatchBlock(any: [], all: [], legacy: nil)
        for key in ["any", "all"] {
            guard let list = o[key] else { continue }
            guard case .array(let items) = list else {
                r.error("\(key) must be a list", at: path + [.key(key)])
                continue
            }
            let filters = items.enumerated().map { loadFilter($1, at: path + [.key(key), .index($0)], reader: &r) }
            if key == "any" { block.any = filters } else { block.all = filters }
        }
        if o["resources"] != nil || o["subjects"] != nil || o["roles"] != nil || o["clusterRoles"] != nil {
            if !block.any.isEmpty || !block.all.isEmpty {
                r.error("use either any/all or resources, not both", at: path)
            }
            block.legacy = loadFilter(raw ?? .null, at: path, reader: &r, checkKeys: false)
        }
        if required, block.filters.allSatisfy({ $0.resources.kinds.isEmpty }) {
            r.error("match must select at least one kind", at: path)
        }
        return block
    }

    static func loadFilter(_ raw: Value, at path: [PathComponent], reader r: inout PolicyReader, checkKeys: Bool = true) -> ResourceFilter {
        if checkKeys { r.checkKeys(raw, filterKeys, at: path, what: "resource filter") }
        let res = raw["resources"] ?? .object(Object())
        let rp = path + [.key("resources")]
        r.checkKeys(res, resourceKeys, at: rp, what: "resources")
        func strings(_ key: String) -> [String] {
            guard let v = res[key] else { return [] }
            guard case .array(let a) = v else {
                r.error("\(key) must be a list of strings", at: rp + [.key(key)])
                return []
            }
            return a.map(\.interpolationText)
        }
        var names = strings("names")
        if let n = res["name"]?.stringValue { names.append(n) }
        var annotations: [String: String] = [:]
        for (k, v) in res["annotations"]?.objectValue ?? Object() { annotations[k] = v.interpolationText }
        let description = ResourceDescription(
            kinds: strings("kinds").map(KindSelector.init), names: names, namespaces: strings("namespaces"),
            annotations: annotations, selector: res["selector"].map(loadSelector),
            namespaceSelector: res["namespaceSelector"].map(loadSelector), operations: strings("operations"))
        let subjects = (raw["subjects"]?.arrayValue ?? []).map {
            Subject(kind: $0["kind"]?.stringValue ?? "", name: $0["name"]?.stringValue ?? "", namespace: $0["namespace"]?.stringValue)
        }
        return ResourceFilter(resources: description, subjects: subjects,
                              roles: (raw["roles"]?.arrayValue ?? []).map(\.interpolationText),
                              clusterRoles: (raw["clusterRoles"]?.arrayValue ?? []).map(\.interpolationText))
    }

    static func loadSelector(_ v: Value) -> LabelSelector {
        var labels: [String: String] = [:]
        for (k, x) in v["matchLabels"]?.objectValue ?? Object() { labels[k] = x.interpolationText }
        let exprs = (v["matchExpressions"]?.arrayValue ?? []).map {
            LabelSelector.Requirement(key: $0["key"]?.stringValue ?? "", op: $0["operator"]?.stringValue ?? "",
                                      values: ($0["values"]?.arrayValue ?? []).map(\.interpolationText))
        }
        return LabelSelector(matchLabels: labels, matchExpressions: exprs)
    }

    static func loadConditions(_ raw: Value, at path: [PathComponent], reader r: inout PolicyReader) -> ConditionBlock? {
        switch raw {
        case .array(let list):
            return ConditionBlock(any: nil, all: list.enumerated().compactMap { loadCondition($1, at: path + [.index($0)], reader: &r) })
        case .object(let o):
            r.checkKeys(raw, ["any", "all"], at: path, what: "conditions")
            var block = ConditionBlock(any: nil, all: [])
            if let any = o["any"] {
                block.any = (any.arrayValue ?? []).enumerated().compactMap { loadCondition($1, at: path + [.key("any"), .index($0)], reader: &r) }
            }
            if let all = o["all"] {
                block.all = (all.arrayValue ?? []).enumerated().compactMap { loadCondition($1, at: path + [.key("all"), .index($0)], reader: &r) }
            }
            return block
        case .null:
            return nil
        default:
            r.error("conditions must be a list or a mapping with any/all", at: path)
            return nil
        }
    }

    static func loadCondition(_ raw: Value, at path: [PathComponent], reader r: inout PolicyReader) -> Condition? {
        r.checkKeys(raw, conditionKeys, at: path, what: "condition")
        checkTemplates(raw["key"] ?? .null, at: path + [.key("key")], reader: &r)
        checkTemplates(raw["value"] ?? .null, at: path + [.key("value")], reader: &r)
        guard let opText = raw["operator"]?.stringValue else {
            r.error("condition needs an operator", at: path)
            return nil
        }
        guard let op = ConditionOperator(lenient: opText) else {
            r.error("unknown operator '\(opText)' (expected one of \(ConditionOperator.allCases.map(\.rawValue).joined(separator: ", ")))", at: path + [.key("operator")])
            return nil
        }
        let key = raw["key"] ?? .null
        let value = raw["value"] ?? .null
        return Condition(key: key, operator: op, value: value, message: raw["message"]?.stringValue)
    }

    static func loadForEach(_ raw: Value, at path: [PathComponent], reader r: inout PolicyReader) -> [ForEachValidation]? {
        guard case .array(let items) = raw else {
            r.error("foreach must be a list", at: path)
            return nil
        }
        return items.enumerated().compactMap { i, item -> ForEachValidation? in
            let p = path + [.index(i)]
            r.checkKeys(item, foreachKeys, at: p, what: "foreach")
            guard let list = item["list"]?.stringValue else {
                r.error("foreach needs a list expression", at: p)
                return nil
            }
            checkExpression(list, at: p + [.key("list")], reader: &r)
            var fe = ForEachValidation(list: list, context: loadContext(item["context"], at: p + [.key("context")], reader: &r),
                                       preconditions: item["preconditions"].flatMap { loadConditions($0, at: p + [.key("preconditions")], reader: &r) },
                                       elementScope: item["elementScope"]?.boolValue, deny: nil, foreach: nil)
            fe.pattern = item["pattern"]
            fe.anyPattern = item["anyPattern"]?.arrayValue
            if let pat = item["pattern"] { checkPattern(pat, at: p + [.key("pattern")], reader: &r) }
            if let d = item["deny"] { fe.deny = loadConditions(d["conditions"] ?? .object(Object()), at: p + [.key("deny"), .key("conditions")], reader: &r) }
            if let nested = item["foreach"] { fe.foreach = loadForEach(nested, at: p + [.key("foreach")], reader: &r) }
            return fe
        }
    }

    static func loadContext(_ raw: Value?, at path: [PathComponent], reader r: inout PolicyReader) -> [ContextEntry] {
        guard let raw else { return [] }
        guard case .array(let items) = raw else {
            r.error("context must be a list", at: path)
            return []
        }
        return items.enumerated().compactMap { i, item in
            let p = path + [.index(i)]
            r.checkKeys(item, contextKeys, at: p, what: "context entry")
            guard let name = item["name"]?.stringValue else {
                r.error("context entry needs a name", at: p)
                return nil
            }
            if let v = item["variable"] {
                if let jp = v["jmesPath"]?.stringValue { checkTemplate(jp, at: p + [.key("variable"), .key("jmesPath")], reader: &r) }
                return ContextEntry(name: name, source: .variable(value: v["value"], jmesPath: v["jmesPath"]?.stringValue, defaultValue: v["default"]))
            }
            if item["configMap"] != nil { return ContextEntry(name: name, source: .configMap) }
            if item["apiCall"] != nil { return ContextEntry(name: name, source: .apiCall) }
            if item["imageRegistry"] != nil { return ContextEntry(name: name, source: .imageRegistry) }
            if item["globalReference"] != nil { return ContextEntry(name: name, source: .globalReference) }
            r.error("context entry '\(name)' needs variable, configMap, apiCall or imageRegistry", at: p)
            return nil
        }
    }

    /// Every `{{ }}` in a string must be valid JMESPath.
    static func checkTemplate(_ s: String, at path: [PathComponent], reader r: inout PolicyReader) {
        for m in VariableScanner.find(s) where !m.expression.contains("{{") {
            checkExpression(m.expression, at: path, reader: &r)
        }
    }

    static func checkTemplates(_ v: Value, at path: [PathComponent], reader r: inout PolicyReader) {
        switch v {
        case .string(let s): checkTemplate(s, at: path, reader: &r)
        case .array(let a): for (i, x) in a.enumerated() { checkTemplates(x, at: path + [.index(i)], reader: &r) }
        case .object(let o): for (k, x) in o { checkTemplates(x, at: path + [.key(k)], reader: &r) }
        default: break
        }
    }

    static func checkExpression(_ e: String, at path: [PathComponent], reader r: inout PolicyReader) {
        if e == "@" { return }
        do { _ = try ExpressionCache.shared.expression(e) } catch let err as JMESPathError {
            r.error("invalid JMESPath '\(e)': \(err)", at: path)
        } catch {}
    }

    static func checkPattern(_ p: Value, at path: [PathComponent], reader r: inout PolicyReader) {
        switch p {
        case .object(let o):
            for (k, v) in o {
                if let a = Anchor.parse(k) {
                    if a.modifier == .existence, v.arrayValue == nil {
                        r.error("existence anchor ^(\(a.key)) needs a list pattern", at: path + [.key(k)])
                    }
                    if a.modifier == .addIfNotPresent {
                        r.warning("add anchor +(\(a.key)) only applies to mutate rules", at: path + [.key(k)])
                    }
                } else if k.hasSuffix(")"), k.contains("("), !k.contains("{{") {
                    r.warning("'\(k)' looks like an anchor but is not one (valid: (k), =(k), X(k), <(k), ^(k))", at: path + [.key(k)])
                }
                checkPattern(v, at: path + [.key(k)], reader: &r)
            }
        case .array(let a):
            if a.isEmpty { r.error("pattern list is empty", at: path) }
            for (i, x) in a.enumerated() { checkPattern(x, at: path + [.index(i)], reader: &r) }
        case .string(let s):
            checkTemplate(s, at: path, reader: &r)
        default: break
        }
    }
}
