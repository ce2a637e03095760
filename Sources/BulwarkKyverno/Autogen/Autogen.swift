import BulwarkCore

/// Kyverno's autogen: a rule written for Pods also guards the controllers that create
/// Pods. `autogen-<rule>` covers Deployment, DaemonSet, StatefulSet, Job, ReplicaSet and
/// ReplicationController (the pod template at `spec.template`); `autogen-cronjob-<rule>`
/// covers CronJob (`spec.jobTemplate.spec.template`).
public enum Autogen {
    public static let annotation = "pod-policies.kyverno.io/autogen-controllers"
    public static let podControllers = ["DaemonSet", "Deployment", "Job", "StatefulSet", "ReplicaSet", "ReplicationController"]

    /// The policy's rules followed by their generated counterparts.
    public static func expand(_ policy: Policy) -> [Rule] {
        let controllers = activeControllers(policy)
        guard !controllers.isEmpty else { return policy.declaredRules }
        var out = policy.declaredRules
        let workloads = podControllers.filter { controllers.contains($0) }
        for rule in policy.declaredRules where isPodRule(rule) {
            if !workloads.isEmpty, let r = generate(rule, kinds: workloads, cronJob: false) { out.append(r) }
            if controllers.contains("CronJob"), let r = generate(rule, kinds: ["CronJob"], cronJob: true) { out.append(r) }
        }
        return out
    }

    /// Supported controllers intersected with those the annotation asks for.
    static func activeControllers(_ policy: Policy) -> Set<String> {
        guard canAutogen(policy.declaredRules) else { return [] }
        let supported = Set(podControllers + ["CronJob"])
        guard let requested = policy.annotations[annotation], !requested.isEmpty else { return supported }
        if requested == "none" { return [] }
        let asked = Set(requested.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        return supported.intersection(asked)
    }

    /// Autogen is off for the whole policy when any rule selects by name, selector or
    /// annotations, or mixes Pod with other kinds; it is needed only if a rule selects Pod.
    static func canAutogen(_ rules: [Rule]) -> Bool {
        var needed = false
        for rule in rules {
            let descriptions = rule.match.filters.map(\.resources) + (rule.exclude?.filters.map(\.resources) ?? [])
            for d in descriptions {
                if !d.names.isEmpty || d.selector != nil || !d.annotations.isEmpty { return false }
                let hasPod = d.kinds.contains(where: \.isPod)
                if d.kinds.count > 1 && hasPod { return false }
                needed = needed || hasPod
            }
        }
        return needed
    }

    static func isPodRule(_ rule: Rule) -> Bool {
        let matchKinds = rule.match.filters.flatMap(\.resources.kinds)
        let excludeKinds = rule.exclude?.filters.flatMap(\.resources.kinds) ?? []
        guard matchKinds.contains(where: \.isPod) else { return false }
        return excludeKinds.isEmpty || excludeKinds.contains(where: \.isPod)
    }

    static func generate(_ rule: Rule, kinds: [String], cronJob: Bool) -> Rule? {
        guard case .object(var raw) = rule.raw else { return nil }
        let prefix = cronJob ? "autogen-cronjob-" : "autogen-"
        let name = String((prefix + rule.name).prefix(63))
        raw["name"] = .string(name)
        for key in ["match", "exclude"] {
            if let block = raw[key] { raw[key] = replacingKinds(block, kinds) }
        }
        if case .object(var validate)? = raw["validate"] {
            if let p = validate["pattern"] { validate["pattern"] = wrap(p, cronJob: cronJob) }
            if case .array(let ps)? = validate["anyPattern"] { validate["anyPattern"] = .array(ps.map { wrap($0, cronJob: cronJob) }) }
            raw["validate"] = .object(validate)
        }
        let rewritten = rewriteVariables(.object(raw), cronJob: cronJob)
        var reader = PolicyReader(Document(file: "<autogen>", value: rewritten))
        return PolicyLoader.loadRule(rewritten, at: [], reader: &reader)?.generated(from: rule)
    }

    static func wrap(_ pattern: Value, cronJob: Bool) -> Value {
        let template: Value = .object(Object([("spec", .object(Object([("template", pattern)])))]))
        guard cronJob else { return template }
        return .object(Object([("spec", .object(Object([("jobTemplate", template)])))]))
    }

    static func replacingKinds(_ block: Value, _ kinds: [String]) -> Value {
        guard case .object(var o) = block else { return block }
        let kindList = Value.array(kinds.map(Value.string))
        func fix(_ filter: Value) -> Value {
            guard case .object(var f) = filter, case .object(var res)? = f["resources"] else { return filter }
            if res["kinds"] != nil { res["kinds"] = kindList }
            f["resources"] = .object(res)
            return .object(f)
        }
        for key in ["any", "all"] {
            if case .array(let list)? = o[key] { o[key] = .array(list.map(fix)) }
        }
        if o["resources"] != nil { o = fix(.object(o)).objectValue ?? o }
        return .object(o)
    }

    /// The textual rewrite Kyverno applies to the whole generated rule so variables
    /// written against the Pod point into the pod template.
    static func rewriteVariables(_ v: Value, cronJob: Bool) -> Value {
        let template = cronJob ? "spec.jobTemplate.spec.template" : "spec.template"
        let replacements = [
            ("request.object.spec", "request.object.\(template).spec"),
            ("request.oldObject.spec", "request.oldObject.\(template).spec"),
            ("request.object.metadata", "request.object.\(template).metadata"),
            ("request.oldObject.metadata", "request.oldObject.\(template).metadata"),
        ]
        func rewrite(_ s: String) -> String {
            guard s.contains("request.") else { return s }
            // Sequential, as Kyverno's strings.ReplaceAll chain: a later replacement
            // never re-matches an earlier one's output because of the distinct prefixes.
            var out = s
            for (from, to) in replacements { out = replaceAllOnce(out, from, to) }
            return out
        }
        switch v {
        case .string(let s): return .string(rewrite(s))
        case .array(let a): return .array(a.map { rewriteVariables($0, cronJob: cronJob) })
        case .object(let o):
            var out = Object()
            for (k, x) in o { out[rewrite(k)] = rewriteVariables(x, cronJob: cronJob) }
            return .object(out)
        default: return v
        }
    }

    /// Replaces every occurrence of `from` in a single left-to-right pass.
    static func replaceAllOnce(_ s: String, _ from: String, _ to: String) -> String {
        s.replacingOccurrences(of: from, with: to)
    }
}

import Foundation
