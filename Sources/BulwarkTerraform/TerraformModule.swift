import Foundation
import BulwarkCore
import BulwarkFormats

/// One instance of a resource after `count` / `for_each` expansion, with its attributes
/// evaluated. Unknown attributes are recorded with their reason, never silently null.
public struct ResourceInstance: Sendable {
    public var mode: String          // "resource" or "data"
    public var type: String
    public var name: String
    /// Terraform's address: `aws_s3_bucket.logs`, `aws_instance.web[0]`, `aws_sg.x["a"]`.
    public var address: String
    public var file: String
    public var position: HCLPosition
    /// Attributes and nested blocks (blocks as lists of objects, dynamic blocks expanded).
    public var attributes: Object
    /// Dotted attribute path → why its value is unknown.
    public var unknown: [String: String]
    /// Positions of attributes and nested blocks, by dotted path.
    public var positions: [String: HCLPosition]
    /// Attribute path → addresses of the resources its expression refers to
    /// (`aws_s3_bucket.logs`), for connected-resource rules.
    public var references: [String: [String]] = [:]

    /// Attribute path → the variable or local it is exactly (`bucket = var.name`), so two
    /// resources set from the same unknown input still count as naming the same thing.
    public var symbols: [String: String] = [:]

    /// Attribute paths set to exactly another resource's attribute (`aws_kms_key.k.arn`):
    /// the value is unknown until apply, but it is certainly set.
    public var setByReference: Set<String> = []

    /// Attribute paths whose value comes from a sensitive variable or `sensitive()`:
    /// rules still judge them, but messages do not print them.
    public var sensitive: Set<String> = []

    /// Whether `path` or an enclosing attribute is sensitive.
    public func isSensitive(_ path: String) -> Bool {
        sensitive.contains(path) || sensitive.contains { path.hasPrefix($0 + ".") }
    }

    /// Top-level dynamic blocks whose `for_each` is a conditional over an unknown: the
    /// expansion of each branch (value, unknowns and positions it brings).
    public var dynamicVariants: [String: [(value: Value, unknown: [String: String], positions: [String: HCLPosition])]] = [:]

    /// One instance per combination of dynamic-block branches (at most 16), or nil.
    public func branches() -> [ResourceInstance]? {
        guard !dynamicVariants.isEmpty else { return nil }
        var out = [self]
        for (label, variants) in dynamicVariants.sorted(by: { $0.key < $1.key }) {
            out = out.flatMap { base in
                variants.map { v in
                    var copy = base
                    copy.dynamicVariants = [:]
                    copy.unknown.removeValue(forKey: label)
                    copy.attributes[label] = v.value
                    copy.unknown.merge(v.unknown) { a, _ in a }
                    copy.positions.merge(v.positions) { a, _ in a }
                    return copy
                }
            }
            if out.count > 16 { return nil }
        }
        return out
    }

    /// Attribute paths set by a conditional whose condition is unknown but whose branches
    /// are all known: the values it can take.
    public var alternatives: [String: [Value]] = [:]

    /// `module.a.module.b["k"].` for resources of a called module, "" in the root.
    public var modulePath: String = ""

    /// The instance key as written in the address (`["a"]`, `[0]`), or "" for a single instance.
    public var instanceKey: String {
        let local = address.dropFirst(modulePath.count)
        return local.hasSuffix("]") ? local.firstIndex(of: "[").map { String(local[$0...]) } ?? "" : ""
    }

    /// The address without an instance key: what references name.
    public var baseAddress: String { (mode == "data" ? "data." : "") + "\(type).\(name)" }

    /// Whether the attribute at `path` refers to `other` — by reference, or by naming it
    /// (a string equal to one of `other`'s identifying attributes, as users often write).
    public func links(_ path: String, to other: ResourceInstance, byName names: [String] = []) -> Bool {
        guard modulePath == other.modulePath else { return false }
        if references[path]?.contains(other.baseAddress) == true { return true }
        if let symbol = symbols[path], names.contains(where: { other.symbols[$0] == symbol }) { return true }
        guard case .known(let v) = attribute(path), let s = v.stringValue, !s.isEmpty else { return false }
        return names.contains { other.attribute($0).known?.stringValue == s }
    }

    /// The value at a dotted path (`ingress.0.cidr_blocks`), or why it is unknown.
    public func attribute(_ path: String) -> TFValue {
        // Unknown if the value itself, an enclosing value, or any part of it is unknown.
        if let reason = unknown[path] ?? unknown.first(where: { path.hasPrefix($0.key + ".") || $0.key.hasPrefix(path + ".") })?.value {
            return .unknown(reason: reason)
        }
        return .known(raw(path))
    }

    /// How many elements the list (or block list) at `path` has; its length is known even
    /// when some of its values are not.
    public func count(_ path: String) -> Int {
        raw(path).arrayValue?.count ?? 0
    }

    /// Paths of a nested block's elements, whether written as blocks (a list) or as one
    /// object attribute (`root_block_device = { … }`). Structure is known even when some
    /// leaves are not.
    public func elements(_ path: String) -> [String] {
        let v = raw(path)
        if v.objectValue != nil { return [path] }
        return (0..<(v.arrayValue?.count ?? 0)).map { "\(path).\($0)" }
    }

    func raw(_ path: String) -> Value {
        var current: Value = .object(attributes)
        for part in path.split(separator: ".") {
            switch current {
            case .object(let o): current = o[String(part)] ?? .null
            case .array(let a): current = Int(part).flatMap { $0 < a.count ? a[$0] : nil } ?? .null
            default: return .null
            }
        }
        return current
    }

    /// Best position for a path: the attribute itself, or its nearest enclosing block.
    public func position(of path: String) -> HCLPosition {
        var p = path
        while !p.isEmpty {
            if let pos = positions[p] { return pos }
            p = p.split(separator: ".").dropLast().joined(separator: ".")
        }
        return position
    }
}

/// A problem in the configuration itself (a cycle in locals, a bad count).
public struct ModuleDiagnostic: Sendable, CustomStringConvertible {
    public var file: String
    public var position: HCLPosition
    public var message: String
    public var description: String { "\(file):\(position.line):\(position.column): \(message)" }
}

/// A Terraform module evaluated statically: variables (defaults, tfvars, overrides),
/// locals in dependency order, and every resource expanded into instances.
public struct TerraformModule: Sendable {
    public var instances: [ResourceInstance] = []
    public var variables: [String: TFValue] = [:]
    public var locals: [String: TFValue] = [:]
    public var diagnostics: [ModuleDiagnostic] = []
    /// Positions in `instances` by resource type, built once evaluation is complete, so
    /// rules and connected-resource lookups do not scan every instance.
    public private(set) var indexByType: [String: [Int]] = [:]

    /// The instances of one resource type, in evaluation order.
    public func instances(ofType type: String) -> [ResourceInstance] {
        (indexByType[type] ?? []).map { instances[$0] }
    }

    mutating func buildTypeIndex() {
        indexByType = [:]
        for (i, inst) in instances.enumerated() { indexByType[inst.type, default: []].append(i) }
    }

    /// Values of this module's `output` blocks.
    public var outputs: [String: TFValue] = [:]
    /// Outputs of the local modules this module calls once (no count/for_each), by call name.
    public var moduleOutputs: [String: [String: TFValue]] = [:]
    /// Directories of local modules this module called (recursively): not roots themselves.
    public var moduleDirectories: Set<String> = []
    /// `module` blocks whose source is not a local path: reported as not scanned.
    public var remoteModules: [(name: String, source: String, file: String, position: HCLPosition)] = []

    public struct File: Sendable {
        public var path: String
        public var body: HCLBody
        public init(path: String, body: HCLBody) {
            self.path = path
            self.body = body
        }
    }

    /// Evaluates parsed `.tf` files of one directory. `tfvars` are parsed variable files
    /// in precedence order (terraform.tfvars, *.auto.tfvars sorted, then --var-file);
    /// `overrides` are `--var name=value` settings, strongest.
    ///
    /// Local module calls (`source = "./x"`) are followed through `loadModule`, which
    /// returns the parsed files of a repository-relative directory; their resources join
    /// this module's instances under `module.name[key].` addresses, with the call's
    /// arguments as their variables.
    public static func evaluate(files: [File], tfvars: [HCLBody] = [], overrides: [String: Value] = [:],
                                readFile: (@Sendable (String) throws -> String)? = nil,
                                directory: String = "", loadModule: (@Sendable (String) -> [File]?)? = nil,
                                inputs: [String: TFValue] = [:], referenceInputs: Set<String> = [], modulePath: String = "", depth: Int = 0,
                                installed: [String: String] = [:]) -> TerraformModule {
        var m = TerraformModule()
        var base = EvalScope()
        base.readFile = readFile
        base.referenceVariables = referenceInputs

        // Variables: default, then tfvars, then overrides.
        for f in files {
            for v in f.body.blocks("variable") {
                guard let name = v.labels.first else { continue }
                if let d = v.body.attribute("default") {
                    m.variables[name] = (try? ExpressionEvaluator(scope: base).evaluate(d.expression)) ?? .unknown(reason: "default of variable \"\(name)\" could not be evaluated")
                } else {
                    m.variables[name] = .unknown(reason: "variable \"\(name)\" has no default and no value was given")
                }
            }
        }
        for body in tfvars {
            for a in body.attributes {
                if let v = try? ExpressionEvaluator(scope: base).evaluate(a.expression) { m.variables[a.name] = v }
            }
        }
        for (k, v) in overrides { m.variables[k] = .known(v) }
        for (k, v) in inputs { m.variables[k] = v }
        base.variables = m.variables
        for f in files {
            for v in f.body.blocks("variable") {
                if let name = v.labels.first, case .literal(.bool(true), _)? = v.body.attribute("sensitive")?.expression { base.sensitiveVariables.insert(name) }
            }
        }
        // Locals derived from sensitive values are sensitive too (to a fixpoint).
        var localSources: [String: HCLExpression] = [:]
        for f in files { for l in f.body.blocks("locals") { for a in l.body.attributes { localSources[a.name] = a.expression } } }
        var changed = !base.sensitiveVariables.isEmpty
        while changed {
            changed = false
            for (name, e) in localSources where !base.sensitiveLocals.contains(name) && isSensitive(e, base.sensitiveVariables, locals: base.sensitiveLocals) {
                base.sensitiveLocals.insert(name)
                changed = true
            }
        }

        // Locals, each evaluated on demand so order in the files does not matter.
        var localExprs: [String: (HCLExpression, String)] = [:]
        for f in files {
            for l in f.body.blocks("locals") {
                for a in l.body.attributes { localExprs[a.name] = (a.expression, f.path) }
            }
        }
        var resolving = Set<String>()
        func local(_ name: String) -> TFValue {
            if let v = m.locals[name] { return v }
            guard let (expr, file) = localExprs[name] else { return .unknown(reason: "local.\(name) is not declared") }
            if resolving.contains(name) {
                m.diagnostics.append(ModuleDiagnostic(file: file, position: expr.position, message: "local.\(name) depends on itself (cycle through \(resolving.sorted().joined(separator: ", ")))"))
                return .unknown(reason: "local.\(name) is part of a dependency cycle")
            }
            resolving.insert(name)
            defer { resolving.remove(name) }
            var scope = base
            for dep in Self.localReferences(expr) where dep != name { scope.locals[dep] = local(dep) }
            if Self.localReferences(expr).contains(name) { scope.locals[name] = local(name) }
            let value: TFValue
            do { value = try ExpressionEvaluator(scope: scope).evaluate(expr) } catch let e as TFError {
                m.diagnostics.append(ModuleDiagnostic(file: file, position: e.position ?? expr.position, message: e.message))
                value = .unknown(reason: "local.\(name) could not be evaluated: \(e.message)")
            } catch {
                value = .unknown(reason: "local.\(name) could not be evaluated")
            }
            m.locals[name] = value
            return value
        }
        for name in localExprs.keys.sorted() { _ = local(name) }
        base.locals = m.locals

        // Resources, twice: the second pass resolves references to configured attributes
        // of resources evaluated in the first, and to outputs of local modules, which are
        // evaluated in between (their inputs may refer to this module's resources).
        var firstPass: [ResourceInstance] = []
        var outputs: [String: [String: TFValue]] = [:]
        for pass in 0..<2 {
            var scope = base
            scope.resolveReference = Self.resolver(instances: firstPass, moduleOutputs: outputs)
            var out: [ResourceInstance] = []
            var diagnostics: [ModuleDiagnostic] = []
            for f in files {
                for kind in ["resource", "data"] {
                    for block in f.body.blocks(kind) where block.labels.count == 2 {
                        out += Self.expand(block, mode: kind, file: f.path, scope: scope, diagnostics: &diagnostics)
                    }
                }
            }
            if pass == 1 { m.diagnostics += diagnostics }
            firstPass = out
            if pass == 0 {
                for f in files {
                    for call in f.body.blocks("module") {
                        m.evaluateCall(call, file: f.path, scope: scope, directory: directory, loadModule: loadModule,
                                       readFile: readFile, modulePath: modulePath, depth: depth, installed: installed)
                    }
                }
                outputs = m.moduleOutputs
            }
        }
        // Provider configurations become instances too (mode "provider", type = provider
        // name), so rules can check them like resources.
        for f in files {
            for p in f.body.blocks("provider") {
                guard let name = p.labels.first else { continue }
                var scope = base
                scope.resolveReference = Self.resolver(instances: firstPass, moduleOutputs: outputs)
                let alias = (try? ExpressionEvaluator(scope: scope).evaluate(p.body.attribute("alias")?.expression ?? .literal(.null, p.position)))?.known?.stringValue
                var inst = ResourceInstance(mode: "provider", type: name, name: alias ?? "default",
                                            address: "provider." + name + (alias.map { "." + $0 } ?? ""), file: f.path, position: p.position,
                                            attributes: Object(), unknown: [:], positions: [:])
                var attributes = Object()
                evaluateBody(p.body, into: &attributes, path: "", instance: &inst, scope: scope, skip: ["alias"])
                inst.attributes = attributes
                firstPass.append(inst)
            }
        }
        let children = m.instances
        m.instances = firstPass.map { inst in
            var inst = inst
            inst.modulePath = modulePath
            inst.address = modulePath + inst.address
            return inst
        } + children

        // This module's outputs, for a caller that reads module.NAME.OUTPUT.
        var outputScope = base
        outputScope.resolveReference = Self.resolver(instances: firstPass, moduleOutputs: outputs)
        for f in files {
            for o in f.body.blocks("output") {
                guard let name = o.labels.first, let value = o.body.attribute("value") else { continue }
                m.outputs[name] = (try? ExpressionEvaluator(scope: outputScope).evaluate(value.expression))
                    ?? .unknown(reason: "output \(name) could not be evaluated")
            }
        }
        m.buildTypeIndex()
        return m
    }

    /// Answers references from this module's instances and its called modules' outputs.
    static func resolver(instances: [ResourceInstance], moduleOutputs: [String: [String: TFValue]]) -> @Sendable (String, [String]) -> TFValue {
        { root, steps in
            if root == "module", steps.count >= 2, let v = moduleOutputs[steps[0]]?[steps[1]] { return navigate(v, Array(steps.dropFirst(2))) }
            return reference(root, steps, in: instances)
        }
    }

    /// `module.a["x"].module.b.` → `module.a.module.b.`: the configuration path, as
    /// `configuration` in plans and modules.json keys name it.
    public static func configurationPath(_ modulePath: String) -> String {
        modulePath.replacingOccurrences(of: #"\[[^\]]*\]"#, with: "", options: .regularExpression)
    }

    /// Attribute steps into a value (`module.m.out.attr`).
    static func navigate(_ v: TFValue, _ steps: [String]) -> TFValue {
        guard case .known(var value) = v else { return v }
        for s in steps {
            switch value {
            case .object(let o): value = o[s] ?? .null
            case .array(let a): value = Int(s).flatMap { $0 < a.count ? a[$0] : nil } ?? .null
            default: return .unknown(reason: "module output has no attribute \(s)")
            }
        }
        return .known(value)
    }

    /// A `-var` value as Terraform reads it without the variable's type at hand: an HCL
    /// literal (number, bool, list, object) when it is one, otherwise the raw string.
    public static func commandLineValue(_ text: String) -> Value {
        if let body = try? HCLParser.parse("v = \(text)\n", file: "--var"), let a = body.attributes.first,
           case .known(let v)? = try? ExpressionEvaluator(scope: EvalScope()).evaluate(a.expression), v.stringValue == nil {
            return v
        }
        return .string(text)
    }

    static let moduleMetaArguments: Set<String> = ["source", "version", "count", "for_each", "providers", "depends_on"]

    /// One `module` block: remote sources are recorded as not scanned; local ones are
    /// evaluated once per `count`/`for_each` instance with the call's arguments.
    mutating func evaluateCall(_ call: HCLBlock, file: String, scope: EvalScope, directory: String,
                               loadModule: (@Sendable (String) -> [File]?)?, readFile: (@Sendable (String) throws -> String)?,
                               modulePath: String, depth: Int, installed: [String: String]) {
        let name = call.labels.first ?? ""
        let source = (try? ExpressionEvaluator(scope: scope).evaluate(call.body.attribute("source")?.expression ?? .literal(.null, call.position)))?.known?.stringValue ?? ""
        let local = source.hasPrefix("./") || source.hasPrefix("../")
        // `terraform init` records where it downloaded each remote module, keyed by the
        // call path without instance keys ("vpc", "vpc.subnets").
        let key = (Self.configurationPath(modulePath)
            .split(separator: ".").filter { $0 != "module" } + [Substring(name)]).joined(separator: ".")
        guard local || installed[key] != nil else {
            remoteModules.append((name, source, file, call.position))
            return
        }
        guard let loadModule else { return }
        guard let dir = local ? Self.join(directory, source) : installed[key] else {
            diagnostics.append(ModuleDiagnostic(file: file, position: call.position, message: "module \"\(name)\": source \(source) is outside the scanned repository"))
            return
        }
        guard depth < 16 else {
            diagnostics.append(ModuleDiagnostic(file: file, position: call.position, message: "module \"\(name)\": modules nest more than 16 deep (a module calling itself?)"))
            return
        }
        guard let childFiles = loadModule(dir), !childFiles.isEmpty else {
            diagnostics.append(ModuleDiagnostic(file: file, position: call.position, message: "module \"\(name)\": no .tf files in \(dir.isEmpty ? "." : dir)"))
            return
        }
        moduleDirectories.insert(dir)
        let declared = Set(childFiles.flatMap { $0.body.blocks("variable").compactMap(\.labels.first) })
        for a in call.body.attributes where !Self.moduleMetaArguments.contains(a.name) && !declared.contains(a.name) {
            diagnostics.append(ModuleDiagnostic(file: file, position: a.position, message: "module \"\(name)\" has no variable \"\(a.name)\""))
        }
        for rep in Self.repetitions(of: call.body, file: file, scope: scope, diagnostics: &diagnostics) {
            let ev = ExpressionEvaluator(scope: rep.scope)
            var inputs: [String: TFValue] = [:]
            var referenceInputs = Set<String>()
            for a in call.body.attributes where !Self.moduleMetaArguments.contains(a.name) {
                do { inputs[a.name] = try ev.evaluate(a.expression) } catch {
                    inputs[a.name] = .unknown(reason: "argument \(a.name) of module \"\(name)\" could not be evaluated")
                }
                if Self.isSetByReference(a.expression, rep.scope) { referenceInputs.insert(a.name) }
            }
            let child = Self.evaluate(files: childFiles, readFile: readFile, directory: dir, loadModule: loadModule, inputs: inputs, referenceInputs: referenceInputs,
                                      modulePath: modulePath + "module.\(name)\(rep.key).", depth: depth + 1, installed: installed)
            instances += child.instances
            diagnostics += child.diagnostics
            if rep.key.isEmpty { moduleOutputs[name] = child.outputs }
            remoteModules += child.remoteModules
            moduleDirectories.formUnion(child.moduleDirectories)
        }
    }

    /// `dir` + a relative module source, normalised; nil when it climbs above the root.
    public static func join(_ dir: String, _ source: String) -> String? {
        var parts = dir.split(separator: "/").map(String.init).filter { $0 != "." }
        for p in source.split(separator: "/").map(String.init) {
            switch p {
            case ".", "": continue
            case "..": if parts.isEmpty { return nil } else { parts.removeLast() }
            default: parts.append(p)
            }
        }
        return parts.joined(separator: "/")
    }

    /// `local.x` names an expression mentions (directly), for dependency ordering.
    static func localReferences(_ e: HCLExpression) -> Set<String> {
        var out = Set<String>()
        func walk(_ e: HCLExpression) {
            switch e {
            case .traversal(.variable("local", _), let steps, _):
                if case .attribute(let a)? = steps.first { out.insert(a) }
                for s in steps { if case .index(let i) = s { walk(i) } }
            case .traversal(let b, let steps, _):
                walk(b)
                for s in steps { if case .index(let i) = s { walk(i) } }
            case .template(let parts, _): parts.forEach(walkPart)
            case .call(_, let args, _, _): args.forEach(walk)
            case .tuple(let items, _): items.forEach(walk)
            case .object(let items, _): items.forEach { walk($0.key); walk($0.value) }
            case .forTuple(_, _, let c, let v, let cond, _): walk(c); walk(v); cond.map(walk)
            case .forObject(_, _, let c, let k, let v, _, let cond, _): walk(c); walk(k); walk(v); cond.map(walk)
            case .conditional(let a, let b, let c, _): walk(a); walk(b); walk(c)
            case .binary(_, let a, let b, _): walk(a); walk(b)
            case .unary(_, let a, _), .parenthesized(let a, _): walk(a)
            case .literal, .variable: break
            }
        }
        func walkPart(_ p: HCLTemplatePart) {
            switch p {
            case .literal: break
            case .interpolation(let e, _, _): walk(e)
            case .ifDirective(let c, let t, let f): walk(c); t.forEach(walkPart); f.forEach(walkPart)
            case .forDirective(_, _, let c, let b): walk(c); b.forEach(walkPart)
            }
        }
        walk(e)
        return out
    }

    /// `aws_s3_bucket.b.bucket` → the configured attribute of that resource's instance(s);
    /// attributes Terraform computes at apply time (id, arn, …) are unknown.
    static func reference(_ root: String, _ steps: [String], in instances: [ResourceInstance]) -> TFValue {
        var mode = "resource", type = root, rest = steps[...]
        if root == "data", let t = rest.first { mode = "data"; type = t; rest = rest.dropFirst() }
        if root == "module" { return .unknown(reason: "module.\(steps.joined(separator: ".")) is an output of another module") }
        guard let name = rest.first else {
            // Checkov reads `True`/`False` as booleans; Terraform rejects them, so do we.
            if ["true", "false"].contains(root.lowercased()) {
                return .unknown(reason: "\(root) is not a Terraform value (booleans are lowercase: \(root.lowercased()))")
            }
            return .unknown(reason: "\(root) is not a value")
        }
        let matches = instances.filter { $0.mode == mode && $0.type == type && $0.name == name }
        let label = ([root] + steps).joined(separator: ".")
        guard !matches.isEmpty else { return .unknown(reason: "\(label) refers to no resource in this module") }
        let attrPath = rest.dropFirst().joined(separator: ".")
        if attrPath.isEmpty {
            return matches.count == 1 ? .known(.object(matches[0].attributes)) : .known(.array(matches.map { .object($0.attributes) }))
        }
        guard matches.count == 1 else { return .unknown(reason: "\(label) needs an instance key (the resource has count or for_each)") }
        let v = matches[0].attribute(attrPath)
        if case .known(.null) = v { return .unknown(reason: "\(label) is computed when the resource is created") }
        return v
    }

    static func expand(_ block: HCLBlock, mode: String, file: String, scope: EvalScope, diagnostics: inout [ModuleDiagnostic]) -> [ResourceInstance] {
        let type = block.labels[0], name = block.labels[1]
        let prefix = (mode == "data" ? "data." : "") + "\(type).\(name)"
        return repetitions(of: block.body, file: file, scope: scope, diagnostics: &diagnostics).map { rep in
            var inst = ResourceInstance(mode: mode, type: type, name: name, address: prefix + rep.key, file: file, position: block.position,
                                        attributes: Object(), unknown: [:], positions: [:])
            var attributes = Object()
            evaluateBody(block.body, into: &attributes, path: "", instance: &inst, scope: rep.scope, skip: ["count", "for_each", "provider", "depends_on", "lifecycle"])
            inst.attributes = attributes
            if let (attr, reason) = rep.unknown { inst.unknown[attr] = reason }
            return inst
        }
    }

    /// The instances `count` or `for_each` make of a resource or module block: the
    /// address key as Terraform writes it (`[0]`, `["k"]`, or none) and the scope with
    /// `count.index`/`each.*` bound. An unknown repetition yields one representative
    /// instance that remembers why.
    static func repetitions(of body: HCLBody, file: String, scope: EvalScope, diagnostics: inout [ModuleDiagnostic])
        -> [(key: String, scope: EvalScope, unknown: (String, String)?)] {
        let ev = ExpressionEvaluator(scope: scope)
        if let count = body.attribute("count") {
            do {
                switch try ev.evaluate(count.expression) {
                case .known(let v):
                    // Terraform converts numeric strings ("2") to the number count needs.
                    guard let n = v.numberValue ?? v.stringValue.flatMap(Double.init), n >= 0, n == n.rounded() else {
                        diagnostics.append(ModuleDiagnostic(file: file, position: count.position, message: "count must be a whole number, got \(v.jsonString())"))
                        return []
                    }
                    return (0..<Int(n)).map { i in
                        var s = scope
                        s.countIndex = i
                        return ("[\(i)]", s, nil)
                    }
                case .unknown(let r):
                    var s = scope
                    s.countIndex = 0
                    return [("[0]", s, ("count", r))]
                }
            } catch let e as TFError {
                diagnostics.append(ModuleDiagnostic(file: file, position: e.position ?? count.position, message: e.message))
                return []
            } catch { return [] }
        }
        if let fe = body.attribute("for_each") {
            do {
                switch try ev.evaluate(fe.expression) {
                case .known(.object(let o)):
                    return o.keys.sorted().map { k in
                        var s = scope
                        s.each = (.known(.string(k)), .known(o[k] ?? .null))
                        return ("[\(Value.string(k).jsonString())]", s, nil)
                    }
                case .known(.array(let a)):
                    let keys = a.compactMap(\.stringValue)
                    return Array(Set(keys)).sorted().map { k in
                        var s = scope
                        s.each = (.known(.string(k)), .known(.string(k)))
                        return ("[\(Value.string(k).jsonString())]", s, nil)
                    }
                case .known(let v):
                    diagnostics.append(ModuleDiagnostic(file: file, position: fe.position, message: "for_each needs a map or a set of strings, got \(v.typeName)"))
                    return []
                case .unknown(let r):
                    var s = scope
                    s.each = (.unknown(reason: r), .unknown(reason: r))
                    return [("[each]", s, ("for_each", r))]
                }
            } catch let e as TFError {
                diagnostics.append(ModuleDiagnostic(file: file, position: e.position ?? fe.position, message: e.message))
                return []
            } catch { return [] }
        }
        return [("", scope, nil)]
    }

    /// Evaluates a body into an object: attributes as values, blocks as lists of objects,
    /// `dynamic "x"` blocks expanded over their `for_each` with the iterator bound.
    static func evaluateBody(_ body: HCLBody, into object: inout Object, path: String, instance: inout ResourceInstance, scope: EvalScope, skip: Set<String> = []) {
        let ev = ExpressionEvaluator(scope: scope)
        for a in body.attributes where !skip.contains(a.name) {
            let p = path.isEmpty ? a.name : path + "." + a.name
            instance.positions[p] = a.position
            let refs = resourceReferences(a.expression)
            if !refs.isEmpty { instance.references[p] = refs }
            if let symbol = inputSymbol(a.expression) { instance.symbols[p] = symbol }
            if isSetByReference(a.expression, scope) { instance.setByReference.insert(p) }
            if isSensitive(a.expression, scope.sensitiveVariables, locals: scope.sensitiveLocals) { instance.sensitive.insert(p) }
            do {
                object[a.name] = try evaluatePartially(a.expression, path: p, evaluator: ev, instance: &instance)
                if instance.unknown[p] != nil, let values = branchValues(a.expression, ev) { instance.alternatives[p] = values }
            } catch let e as TFError {
                object[a.name] = .null
                instance.unknown[p] = "could not be evaluated: \(e.message)"
            } catch {
                object[a.name] = .null
            }
        }
        for b in body.blocks where !skip.contains(b.type) {
            if b.type == "dynamic", let label = b.labels.first {
                expandDynamic(b, label: label, into: &object, path: path, instance: &instance, scope: scope)
                continue
            }
            var list = object[b.type]?.arrayValue ?? []
            let p = (path.isEmpty ? b.type : path + "." + b.type) + ".\(list.count)"
            instance.positions[p] = b.position
            if instance.positions[path.isEmpty ? b.type : path + "." + b.type] == nil { instance.positions[path.isEmpty ? b.type : path + "." + b.type] = b.position }
            var inner = Object()
            evaluateBody(b.body, into: &inner, path: p, instance: &instance, scope: scope)
            list.append(.object(inner))
            object[b.type] = .array(list)
        }
    }

    /// Literal lists and objects are evaluated element by element, so one unknown element
    /// (`security_groups = [aws_security_group.x.id]`) leaves its siblings known.
    static func evaluatePartially(_ e: HCLExpression, path: String, evaluator ev: ExpressionEvaluator, instance: inout ResourceInstance) throws -> Value {
        switch e {
        case .tuple(let items, _):
            var out: [Value] = []
            for (i, item) in items.enumerated() {
                out.append(try evaluatePartially(item, path: "\(path).\(i)", evaluator: ev, instance: &instance))
            }
            return .array(out)
        case .object(let items, _):
            var o = Object()
            for (k, v) in items {
                guard case .known(let key) = try ev.evaluate(k), let ks = key.stringValue else {
                    instance.unknown[path] = "an object key is unknown"
                    return .null
                }
                o[ks] = try evaluatePartially(v, path: "\(path).\(ks)", evaluator: ev, instance: &instance)
            }
            return .object(o)
        default:
            switch try ev.evaluate(e) {
            case .known(let v): return v
            case .unknown(let r):
                instance.unknown[path] = r
                return .null
            }
        }
    }

    static func expandDynamic(_ b: HCLBlock, label: String, into object: inout Object, path: String, instance: inout ResourceInstance, scope: EvalScope) {
        let iterator = (try? ExpressionEvaluator(scope: scope).evaluate(b.body.attribute("iterator")?.expression ?? .literal(.null, b.position)))?.known?.stringValue
            ?? variableName(b.body.attribute("iterator")?.expression) ?? label
        let blockPath = path.isEmpty ? label : path + "." + label
        guard let content = b.body.blocks("content").first, let fe = b.body.attribute("for_each") else { return }
        // `for_each = cond ? [..] : []` with an unknown condition: expand each branch so
        // rules can be run on every variant (top-level blocks only).
        func recordVariants() {
            guard path.isEmpty, let alternatives = branchValues(fe.expression, ExpressionEvaluator(scope: scope)) else { return }
            instance.dynamicVariants[label] = alternatives.map { alt in
                var scratch = instance
                scratch.unknown.removeValue(forKey: blockPath)
                var o = Object()
                o[label] = .array([])
                var one = b
                one.body.attributes = one.body.attributes.map { a in
                    var a = a
                    if a.name == "for_each" { a.expression = .literal(alt, a.position) }
                    return a
                }
                expandDynamic(one, label: label, into: &o, path: path, instance: &scratch, scope: scope)
                return (o[label] ?? .array([]), scratch.unknown, scratch.positions)
            }
        }
        let collection: TFValue
        do { collection = try ExpressionEvaluator(scope: scope).evaluate(fe.expression) } catch {
            instance.unknown[blockPath] = "dynamic \"\(label)\" for_each could not be evaluated"
            instance.positions[blockPath] = b.position
            recordVariants()
            return
        }
        var elements: [(Value, Value)] = []
        switch collection {
        case .unknown(let r):
            instance.unknown[blockPath] = "dynamic \"\(label)\" iterates over a value unknown before apply: \(r)"
            instance.positions[blockPath] = b.position
            recordVariants()
            return
        case .known(.array(let a)): elements = a.enumerated().map { (.int($0.offset), $0.element) }
        case .known(.object(let o)): elements = o.keys.sorted().map { (.string($0), o[$0] ?? .null) }
        default: return
        }
        var list = object[label]?.arrayValue ?? []
        for (k, v) in elements {
            var s = scope
            s.bindings[iterator] = .known(.object(Object([("key", k), ("value", v)])))
            let p = blockPath + ".\(list.count)"
            instance.positions[p] = content.position
            if instance.positions[blockPath] == nil { instance.positions[blockPath] = b.position }
            var inner = Object()
            evaluateBody(content.body, into: &inner, path: p, instance: &instance, scope: s)
            list.append(.object(inner))
        }
        object[label] = .array(list)
    }

    static let nonResourceRoots: Set<String> = ["var", "local", "each", "count", "module", "path", "terraform", "self"]

    /// `type.name` (and `data.type.name`) roots of traversals in an expression.
    /// `var.x` or `local.x` (with attribute steps), also inside `"${…}"` on its own.
    static func inputSymbol(_ e: HCLExpression) -> String? {
        switch e {
        case .traversal(.variable(let root, _), let steps, _) where root == "var" || root == "local":
            var names = [root]
            for s in steps { guard case .attribute(let a) = s else { return nil }; names.append(a) }
            return names.count > 1 ? names.joined(separator: ".") : nil
        case .template(let parts, _) where parts.count == 1:
            if case .interpolation(let x, _, _) = parts[0] { return inputSymbol(x) }
            return nil
        case .parenthesized(let x, _): return inputSymbol(x)
        default: return nil
        }
    }

    /// Every value a conditional with an unknown condition can take, when each branch is
    /// known (nested conditionals included): rules then fail only if every branch fails.
    static func branchValues(_ e: HCLExpression, _ ev: ExpressionEvaluator, depth: Int = 0) -> [Value]? {
        guard depth < 8 else { return nil }
        switch e {
        case .parenthesized(let x, _): return branchValues(x, ev, depth: depth + 1)
        case .conditional(let c, let a, let b, _):
            if case .known(let cv)? = try? ev.evaluate(c), let flag = cv.boolValue { return branchValues(flag ? a : b, ev, depth: depth + 1) }
            guard let x = branchValues(a, ev, depth: depth + 1), let y = branchValues(b, ev, depth: depth + 1) else { return nil }
            return x + y
        default:
            if case .known(let v)? = try? ev.evaluate(e) { return [v] }
            return nil
        }
    }

    /// Whether an expression reads a sensitive variable or calls `sensitive()`.
    static func isSensitive(_ e: HCLExpression, _ names: Set<String>, locals: Set<String> = []) -> Bool {
        switch e {
        case .traversal(.variable(let root, _), let steps, _) where root == "var" || root == "local":
            if case .attribute(let a)? = steps.first, (root == "var" ? names : locals).contains(a) { return true }
            return steps.contains { if case .index(let i) = $0 { return isSensitive(i, names, locals: locals) } else { return false } }
        case .traversal(let b, _, _): return isSensitive(b, names, locals: locals)
        case .call(let name, let args, _, _): return name == "sensitive" || args.contains { isSensitive($0, names, locals: locals) }
        case .template(let parts, _):
            return parts.contains { if case .interpolation(let x, _, _) = $0 { return isSensitive(x, names, locals: locals) } else { return false } }
        case .tuple(let items, _): return items.contains { isSensitive($0, names, locals: locals) }
        case .object(let items, _): return items.contains { isSensitive($0.value, names, locals: locals) }
        case .conditional(let a, let b, let c, _): return isSensitive(a, names, locals: locals) || isSensitive(b, names, locals: locals) || isSensitive(c, names, locals: locals)
        case .binary(_, let a, let b, _): return isSensitive(a, names, locals: locals) || isSensitive(b, names, locals: locals)
        case .unary(_, let a, _), .parenthesized(let a, _): return isSensitive(a, names, locals: locals)
        case .forTuple(_, _, let c, let v, _, _): return isSensitive(c, names, locals: locals) || isSensitive(v, names, locals: locals)
        case .forObject(_, _, let c, _, let v, _, _, _): return isSensitive(c, names, locals: locals) || isSensitive(v, names, locals: locals)
        case .literal, .variable: return false
        }
    }

    /// A resource's attribute, directly or through a module variable the caller set to one.
    static func isSetByReference(_ e: HCLExpression, _ scope: EvalScope) -> Bool {
        if isResourceAttribute(e) { return true }
        guard !scope.referenceVariables.isEmpty, let symbol = inputSymbol(e), symbol.hasPrefix("var.") else { return false }
        return scope.referenceVariables.contains(String(symbol.dropFirst(4)))
    }

    /// `aws_x.y.attr`, `aws_x.y[0].attr`, `data.aws_x.y.attr` (also alone inside `"${…}"`).
    static func isResourceAttribute(_ e: HCLExpression) -> Bool {
        switch e {
        case .traversal(.variable(let root, _), let steps, _) where !nonResourceRoots.contains(root):
            let names = steps.compactMap { if case .attribute(let a) = $0 { return a } else { return nil } }
            return names.count >= (root == "data" ? 3 : 2)
        case .template(let parts, _) where parts.count == 1:
            if case .interpolation(let x, _, _) = parts[0] { return isResourceAttribute(x) }
            return false
        case .parenthesized(let x, _): return isResourceAttribute(x)
        default: return false
        }
    }

    static func resourceReferences(_ e: HCLExpression) -> [String] {
        var out: [String] = []
        func walk(_ e: HCLExpression) {
            switch e {
            case .traversal(.variable(let root, _), let steps, _):
                var names: [String] = []
                for s in steps { if case .attribute(let a) = s { names.append(a) } else { break } }
                if root == "data", names.count >= 2 { out.append("data.\(names[0]).\(names[1])") }
                else if !nonResourceRoots.contains(root), root != "data", let n = names.first { out.append("\(root).\(n)") }
                for s in steps { if case .index(let i) = s { walk(i) } }
            case .traversal(let b, let steps, _):
                walk(b)
                for s in steps { if case .index(let i) = s { walk(i) } }
            case .template(let parts, _):
                for p in parts { if case .interpolation(let x, _, _) = p { walk(x) } }
            case .call(_, let args, _, _): args.forEach(walk)
            case .tuple(let items, _): items.forEach(walk)
            case .object(let items, _): items.forEach { walk($0.key); walk($0.value) }
            case .forTuple(_, _, let c, let v, let cond, _): walk(c); walk(v); cond.map(walk)
            case .forObject(_, _, let c, let k, let v, _, let cond, _): walk(c); walk(k); walk(v); cond.map(walk)
            case .conditional(let a, let b, let c, _): walk(a); walk(b); walk(c)
            case .binary(_, let a, let b, _): walk(a); walk(b)
            case .unary(_, let a, _), .parenthesized(let a, _): walk(a)
            case .literal, .variable: break
            }
        }
        walk(e)
        return out
    }

    static func variableName(_ e: HCLExpression?) -> String? {
        if case .variable(let n, _)? = e { return n }
        return nil
    }
}
