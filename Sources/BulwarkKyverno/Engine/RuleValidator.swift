import BulwarkCore
import BulwarkJMESPath

/// The outcome of validating one rule (or one foreach body).
struct Verdict {
    var status: RuleStatus
    var message: String
    var path: String? = nil

    static func pass(_ m: String) -> Verdict { Verdict(status: .pass, message: m) }
    static func fail(_ m: String, path: String? = nil) -> Verdict { Verdict(status: .fail, message: m, path: path) }
    static func skip(_ m: String) -> Verdict { Verdict(status: .skip, message: m) }
    static func error(_ m: String) -> Verdict { Verdict(status: .error, message: m) }
}

/// The parts a rule's `validate` and a `foreach` entry have in common. Built once per
/// rule (a class, shared by reference) rather than per evaluation.
final class ValidationBody: Sendable {
    let context: [ContextEntry]
    let preconditions: ConditionBlock?
    let pattern: Value?
    let anyPattern: [Value]?
    let deny: ConditionBlock?
    let foreach: [ForEachValidation]?
    let compiled: Compiled
    let unsupported: String?

    /// Bodies of this body's `foreach` entries, in order.
    let foreachBodies: [ValidationBody]

    init(context: [ContextEntry], preconditions: ConditionBlock?, validation: Validation, raw: Value) {
        self.context = context
        self.preconditions = preconditions
        pattern = validation.pattern
        anyPattern = validation.anyPattern
        deny = validation.deny
        foreach = validation.foreach
        compiled = validation.compiled
        foreachBodies = (validation.foreach ?? []).map(ValidationBody.init(foreach:))
        var unsupported: String? = nil
        if pattern == nil, anyPattern == nil, deny == nil, foreach == nil {
            let v = raw["validate"]
            if v?["podSecurity"] != nil { unsupported = "validate.podSecurity" }
            else if v?["cel"] != nil { unsupported = "validate.cel" }
            else if v?["manifests"] != nil { unsupported = "validate.manifests" }
            else if v?["assert"] != nil { unsupported = "validate.assert" }
        }
        self.unsupported = unsupported
    }

    init(foreach f: ForEachValidation) {
        context = f.context
        preconditions = f.preconditions
        pattern = f.pattern
        anyPattern = f.anyPattern
        deny = f.deny
        foreach = f.foreach
        compiled = f.compiled
        foreachBodies = (f.foreach ?? []).map(ValidationBody.init(foreach:))
        unsupported = nil
    }
}

/// Kyverno's validator for one rule: context, preconditions, then deny, patterns or
/// foreach — with Kyverno's statuses and messages for each way that can end.
struct RuleValidator {
    let rule: Rule
    let ruleValues: [(String, Value)]

    func validate(resource: Value, context: EvalContext) -> Verdict {
        var ctx = context
        return run(rule.body, resource: resource, context: &ctx, nesting: 0)
    }

    private func run(_ body: ValidationBody, resource: Value, context ctx: inout EvalContext, nesting: Int) -> Verdict {
        if let e = loadContext(body.context, &ctx) { return .error(e) }
        switch checkPreconditions(body.preconditions, ctx) {
        case .failure(let e): return .error("failed to evaluate preconditions: \(e)")
        case .success(false): return .skip("preconditions not met")
        case .success(true): break
        }
        if let deny = body.deny { return validateDeny(deny, ctx) }
        if body.pattern != nil || body.anyPattern != nil {
            let target = ctx.element ?? resource
            return validatePatterns(body, target: target, ctx)
        }
        if let foreach = body.foreach { return validateForEach(foreach, bodies: body.foreachBodies, resource: resource, context: ctx, nesting: nesting) }
        if let what = body.unsupported {
            return .error("\(what) rules are not supported by Bulwark; this rule was not evaluated")
        }
        return .error("invalid validation rule: pattern, anyPattern, deny or foreach expected")
    }

    // MARK: Context

    private func loadContext(_ entries: [ContextEntry], _ ctx: inout EvalContext) -> String? {
        // A values key names an entry or a path inside it (`dictionary.data.env`).
        let provided = Set(ruleValues.flatMap { [$0.0, String($0.0.split(separator: ".").first ?? "")] })
        for entry in entries where !provided.contains(entry.name) {
            switch entry.source {
            case .variable(let value, let jmesPath, let defaultValue):
                do {
                    ctx.set(entry.name, try variable(value: value, jmesPath: jmesPath, defaultValue: defaultValue, ctx))
                } catch {
                    return "failed to load context entry \(entry.name): \(error)"
                }
            case .apiCall, .configMap, .imageRegistry, .globalReference:
                return "context entry '\(entry.name)' needs a cluster or registry; supply its value in a values file (policies[].rules[].values) for offline evaluation"
            }
        }
        return nil
    }

    private func variable(value: Value?, jmesPath: String?, defaultValue: Value?, _ ctx: EvalContext) throws -> Value {
        let path = try jmesPath.map { try ctx.substitute(string: $0, unresolved: .error).interpolationText }
        let fallback = try defaultValue.map { try ctx.substitute($0) }
        var output = fallback
        if let value {
            let v = try ctx.substitute(value)
            if let path, !path.isEmpty {
                do {
                    let compiled = try ExpressionCache.shared.expression(path)
                    output = try compiled.searchReportingMissingKeys(v, functions: ctx.functions)
                } catch where fallback != nil {
                    output = fallback
                }
            } else {
                output = v
            }
        } else if let path, !path.isEmpty {
            do {
                let v = try ctx.query(path)
                if !v.isNull { output = v }
            } catch where fallback != nil {
                output = fallback
            }
        }
        guard let result = output, !result.isNull else {
            throw BulwarkError(.evaluation, "variable evaluated to null")
        }
        return result
    }

    // MARK: Conditions

    private func checkPreconditions(_ block: ConditionBlock?, _ ctx: EvalContext) -> Result<Bool, BulwarkError> {
        guard let block else { return .success(true) }
        do {
            // Unresolved variables become "" here, so nothing can fail and Kyverno's
            // substitute-everything-first order is unobservable: short-circuit.
            return .success(try holds(block, ctx, unresolved: .emptyString, shortCircuit: true))
        } catch {
            return .failure(BulwarkError(.evaluation, "\(error)"))
        }
    }

    private func holds(_ c: Condition, _ ctx: EvalContext, unresolved: UnresolvedVariablePolicy) throws -> Bool {
        c.operator.evaluate(try ctx.render(c.keyTemplate, unresolved: unresolved), try ctx.render(c.valueTemplate, unresolved: unresolved))
    }

    /// Kyverno's any/all: every `all` holds and, when `any` is written, one of it holds.
    /// Without short-circuiting every condition is rendered, so an unresolved variable
    /// anywhere in the block is an error even when an earlier condition decided it.
    func holds(_ block: ConditionBlock, _ ctx: EvalContext, unresolved: UnresolvedVariablePolicy, shortCircuit: Bool) throws -> Bool {
        var anyResult = true
        if let any = block.any {
            anyResult = false
            for c in any where try holds(c, ctx, unresolved: unresolved) {
                anyResult = true
                if shortCircuit { break }
            }
            if shortCircuit && !anyResult { return false }
        }
        var allResult = true
        for c in block.all where !(try holds(c, ctx, unresolved: unresolved)) {
            allResult = false
            if shortCircuit { break }
        }
        return anyResult && allResult
    }

    private func validateDeny(_ deny: ConditionBlock, _ ctx: EvalContext) -> Verdict {
        let denied: Bool
        do { denied = try holds(deny, ctx, unresolved: .error, shortCircuit: false) } catch {
            return .error("failed to substitute variables in deny conditions: \(error)")
        }
        if denied { return .fail(message(ctx) ?? "validation error: rule \(rule.name) failed") }
        return .pass(rule.passMessage)
    }

    /// The rule's message with variables substituted; `nil` when it has none.
    private func message(_ ctx: EvalContext) -> String? {
        guard let raw = rule.validation.message, let template = rule.validation.messageTemplate else { return nil }
        return (try? ctx.render(template).interpolationText) ?? raw
    }

    // MARK: Patterns

    private func validatePatterns(_ body: ValidationBody, target: Value, _ ctx: EvalContext) -> Verdict {
        if let pattern = body.pattern {
            let compiled: CompiledPattern
            if let precompiled = body.compiled.pattern {
                compiled = precompiled
            } else {
                do { compiled = CompiledPattern(try ctx.substitute(pattern)) } catch {
                    return .error("variable substitution failed: \(error)")
                }
            }
            guard let err = PatternMatcher.match(target, compiled) else {
                return .pass(rule.passMessage)
            }
            if err.isSkip { return .skip(err.message) }
            if err.path.isEmpty { return .error(errorMessage(ctx, err, path: "")) }
            return .fail(errorMessage(ctx, err, path: err.path), path: err.path)
        }
        let patterns = body.anyPattern ?? []
        var failures: [String] = []
        var skips: [String] = []
        var firstPath: String? = nil
        for (i, p) in patterns.enumerated() {
            let compiled: CompiledPattern
            if let precompiled = body.compiled.anyPattern, i < precompiled.count {
                compiled = precompiled[i]
            } else {
                do { compiled = CompiledPattern(try ctx.substitute(p)) } catch {
                    return .error("variable substitution failed: \(error)")
                }
            }
            guard let err = PatternMatcher.match(target, compiled) else {
                return .pass("validation rule '\(rule.name)' anyPattern[\(i)] passed.")
            }
            if err.isSkip {
                skips.append(err.message)
            } else if err.path.isEmpty {
                failures.append("rule \(rule.name)[\(i)] failed: \(err.message)")
            } else {
                failures.append("rule \(rule.name)[\(i)] failed at path \(err.path)")
                if firstPath == nil { firstPath = err.path }
            }
        }
        if failures.isEmpty, !skips.isEmpty { return .skip(skips.joined(separator: " ")) }
        let prefix = message(ctx).map { "validation error: \(Self.sentence($0)) " } ?? "validation error: "
        return .fail(prefix + failures.joined(separator: " "), path: firstPath)
    }

    private func errorMessage(_ ctx: EvalContext, _ err: PatternError, path: String) -> String {
        guard let msg = message(ctx) else {
            if !path.isEmpty { return "validation error: rule \(rule.name) failed at path \(path)" }
            return "validation error: rule \(rule.name) execution error: \(err.message)"
        }
        if !path.isEmpty { return "validation error: \(Self.sentence(msg)) rule \(rule.name) failed at path \(path)" }
        return "validation error: \(Self.sentence(msg)) rule \(rule.name) execution error: \(err.message)"
    }

    static func sentence(_ s: String) -> String {
        let t = ASCII.trim(s)
        return t.hasSuffix(".") ? t : t + "."
    }

    // MARK: Foreach

    private func validateForEach(_ list: [ForEachValidation], bodies: [ValidationBody], resource: Value, context: EvalContext, nesting: Int) -> Verdict {
        var applied = 0
        for (n, foreach) in list.enumerated() {
            let elements: [Value]
            do {
                let expr = try context.substitute(string: foreach.list, unresolved: .error).interpolationText
                let v = try context.query(expr)
                if case .array(let a) = v { elements = a } else { elements = [v] }
            } catch {
                continue  // Kyverno skips a list it cannot evaluate.
            }
            let (verdict, count) = validateElements(foreach, bodies[n], elements, resource: resource, context: context, nesting: nesting)
            if verdict.status != .pass { return verdict }
            applied += count
        }
        if applied == 0 { return .skip("rule skipped") }
        return .pass("rule passed")
    }

    /// Path of the first node in `root` equal to `target` (breadth-first, bounded).
    static func locate(_ target: Value, in root: Value) -> [PathComponent]? {
        var queue: [(Value, [PathComponent])] = [(root, [])]
        var head = 0
        while head < queue.count, head < 10_000 {
            let (v, p) = queue[head]
            head += 1
            if v == target { return p }
            switch v {
            case .object(let o): for (k, x) in o { queue.append((x, p + [.key(k)])) }
            case .array(let a): for (i, x) in a.enumerated() { queue.append((x, p + [.index(i)])) }
            default: break
            }
        }
        return nil
    }

    private func validateElements(_ foreach: ForEachValidation, _ body: ValidationBody, _ elements: [Value], resource: Value, context: EvalContext,
                                  nesting: Int) -> (Verdict, Int) {
        var applied = 0
        for (index, element) in elements.enumerated() {
            if element.isNull { continue }
            var ctx = context
            ctx.addElement(element, index: index, nesting: nesting)
            let isMap = element.objectValue != nil
            var scoped = isMap
            if let explicit = foreach.elementScope {
                if explicit && !isMap {
                    return (.error("failed to process foreach: cannot use elementScope=true foreach rules for elements that are not maps, expected type=map got type=\(element.typeName)"), applied)
                }
                scoped = explicit
            }
            ctx.element = scoped ? element : nil
            let r = run(body, resource: resource, context: &ctx, nesting: nesting + 1)
            switch r.status {
            case .skip: continue
            case .pass: applied += 1
            case .error:
                // Kyverno ignores errors on all but the last element.
                if index < elements.count - 1 { continue }
                return (.error("validation failure: \(r.message)"), applied)
            default:
                let msg = r.message.hasPrefix("validation failure: ") ? r.message : "validation failure: \(r.message)"
                // Element-scoped paths are relative to the element; anchor them in the
                // resource so findings point at the offending container, not the object.
                var path = r.path
                if scoped, let at = Self.locate(element, in: resource) {
                    path = "/" + at.map { $0.description + "/" }.joined() + (r.path.map { String($0.dropFirst()) } ?? "")
                }
                return (Verdict(status: r.status, message: msg, path: path), applied)
            }
        }
        return (.pass(""), applied)
    }
}

import Foundation
