import BulwarkCore
import BulwarkJMESPath

/// Evaluates validate rules of compiled policies against resources. Pure: values in,
/// results out; the same engine serves the CLI, tests, scans and the admission webhook.
public struct Engine: Sendable {
    public var policies: [Policy]
    public var values: OfflineValues
    public var functions: FunctionRegistry

    public init(policies: [Policy], values: OfflineValues = OfflineValues(), functions: FunctionRegistry = KyvernoFunctions.shared) {
        self.policies = policies
        self.values = values
        self.functions = functions
    }

    /// Everything about the request except the resource itself.
    public struct Request: Sendable {
        public var operation: String = "CREATE"
        public var user = UserInfo()
        public var oldObject: Value? = nil
        public init(operation: String = "CREATE", user: UserInfo = UserInfo()) {
            self.operation = operation
            self.user = user
        }
    }

    /// Results of every rule that matches `resource`, in policy then rule order.
    public func evaluate(_ resource: Value, request: Request = Request()) -> [RuleResult] {
        var out: [RuleResult] = []
        for policy in policies {
            out.append(contentsOf: evaluate(policy, resource, request: request))
        }
        return out
    }

    public func evaluate(_ policy: Policy, _ resource: Value, request: Request = Request()) -> [RuleResult] {
        let resourceName = resource["metadata"]?["name"]?.stringValue ?? ""
        let resourceNamespace = resource["metadata"]?["namespace"]?.stringValue ?? ""
        if let ns = policy.namespace, ns != resourceNamespace { return [] }

        // Resource-level values (e.g. request.operation) apply before matching.
        var base = EvalContext(functions: functions)
        var operation = request.operation
        var overrides = values.global
        overrides += values.resourceValues(policy: policy.name, resource: resourceName)
        base.set("request.operation", .string(operation))
        base.set("request.object", resource)
        base.set("request.oldObject", request.oldObject ?? .null)
        base.set("request.namespace", .string(resourceNamespace))
        base.set("request.userInfo", request.user.contextValue)
        base.set("request.roles", .array(request.user.roles.map(Value.string)))
        base.set("request.clusterRoles", .array(request.user.clusterRoles.map(Value.string)))
        if let images = ImageContext.images(of: resource) { base.set("images", images) }
        if request.user.username.hasPrefix("system:serviceaccount:") {
            let parts = request.user.username.split(separator: ":")
            if parts.count == 4 {
                base.set("serviceAccountNamespace", .string(String(parts[2])))
                base.set("serviceAccountName", .string(String(parts[3])))
            }
        }
        for (k, v) in overrides {
            base.set(k, v)
            if k == "request.operation", let op = v.stringValue { operation = op }
        }
        let subject = MatchSubject(resource: resource, operation: operation,
                                   namespaceLabels: values.namespaceLabels[resourceNamespace] ?? [:], user: request.user)
        var results: [RuleResult] = []
        for rule in policy.rules {
            guard ResourceMatcher.matches(rule.match, subject) else { continue }
            if let ex = rule.exclude, ResourceMatcher.matches(ex, subject) { continue }
            var ctx = base
            for (k, v) in values.ruleValues(policy: policy.name, rule: rule.autogenOf ?? rule.name) + values.ruleValues(policy: policy.name, rule: rule.name) {
                ctx.set(k, v)
            }
            let verdict = RuleValidator(rule: rule, policy: policy, ruleValues: values.ruleValues(policy: policy.name, rule: rule.autogenOf ?? rule.name))
                .validate(resource: resource, context: ctx)
            results.append(RuleResult(policy: policy.qualifiedName, rule: rule.name, autogenOf: rule.autogenOf, status: verdict.status,
                                      message: verdict.message, failureAction: rule.failureAction ?? policy.validationFailureAction,
                                      severity: policy.severity, path: verdict.path))
        }
        return results
    }
}
