import BulwarkCore
import BulwarkJMESPath

/// Evaluates validate rules of compiled policies against resources. Pure: values in,
/// results out; the same engine serves the CLI, tests, scans and the admission webhook.
public struct Engine: Sendable {
    public let policies: [Policy]
    public let values: OfflineValues
    public let functions: FunctionRegistry
    /// Whether any rule reads the `images` variable; building it costs a reference
    /// parse per container, so resources skip it when nothing would look.
    let needsImages: Bool

    public init(policies: [Policy], values: OfflineValues = OfflineValues(), functions: FunctionRegistry = KyvernoFunctions.shared) {
        self.policies = policies
        self.values = values
        self.functions = functions
        needsImages = policies.contains { p in p.rules.contains { $0.raw.jsonString().contains("images") } }
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
        let base = baseContext(resource, request: request)
        let subject = MatchSubject(resource: resource, operation: request.operation, user: request.user)
        var out: [RuleResult] = []
        for i in policies.indices {
            evaluate(policies[i], resource, request: request, base: base, subject: subject, into: &out)
        }
        return out
    }

    public func evaluate(_ policy: Policy, _ resource: Value, request: Request = Request()) -> [RuleResult] {
        var out: [RuleResult] = []
        evaluate(policy, resource, request: request, base: baseContext(resource, request: request),
                 subject: MatchSubject(resource: resource, operation: request.operation, user: request.user), into: &out)
        return out
    }

    /// The context every policy sees for this resource, built once per resource.
    func baseContext(_ resource: Value, request: Request) -> EvalContext {
        let namespace = resource["metadata"]?["namespace"]?.stringValue ?? ""
        var requestObject = Object()
        requestObject["operation"] = .string(request.operation)
        requestObject["object"] = resource
        requestObject["oldObject"] = request.oldObject ?? .null
        requestObject["namespace"] = .string(namespace)
        requestObject["userInfo"] = request.user.contextValue
        requestObject["roles"] = .array(request.user.roles.map(Value.string))
        requestObject["clusterRoles"] = .array(request.user.clusterRoles.map(Value.string))
        var data = Object()
        data["request"] = .object(requestObject)
        if needsImages, let images = ImageContext.images(of: resource) { data["images"] = images }
        if request.user.username.hasPrefix("system:serviceaccount:") {
            let parts = request.user.username.split(separator: ":")
            if parts.count == 4 {
                data["serviceAccountNamespace"] = .string(String(parts[2]))
                data["serviceAccountName"] = .string(String(parts[3]))
            }
        }
        return EvalContext(data: data, functions: functions)
    }

    func evaluate(_ policy: Policy, _ resource: Value, request: Request, base: EvalContext, subject baseSubject: MatchSubject,
                  into results: inout [RuleResult]) {
        let resourceNamespace = baseSubject.namespace
        if let ns = policy.namespace, ns != resourceNamespace { return }

        // Values-file overrides (e.g. request.operation) apply before matching.
        var context = base
        var subject = baseSubject
        let overrides = values.global + values.resourceValues(policy: policy.name, resource: baseSubject.name)
        for (k, v) in overrides {
            context.set(k, v)
            if k == "request.operation", let op = v.stringValue { subject.operation = op }
        }
        if !values.namespaceLabels.isEmpty { subject.namespaceLabels = values.namespaceLabels[resourceNamespace] ?? [:] }
        let policyName = policy.qualifiedName
        for rule in policy.rules {
            guard ResourceMatcher.matches(rule.match, subject) else { continue }
            if let ex = rule.exclude, ResourceMatcher.matches(ex, subject) { continue }
            var ctx = context
            let ruleValues = values.ruleValues(policy: policy.name, rule: rule.autogenOf ?? rule.name)
            for (k, v) in ruleValues { ctx.set(k, v) }
            let verdict = RuleValidator(rule: rule, ruleValues: ruleValues).validate(resource: resource, context: ctx)
            results.append(RuleResult(policy: policyName, rule: rule.name, autogenOf: rule.autogenOf, status: verdict.status,
                                      message: verdict.message, failureAction: rule.failureAction ?? policy.validationFailureAction,
                                      severity: policy.severity, path: verdict.path))
        }
    }
}
