import BulwarkCore
import BulwarkFormats
import Foundation

/// `terraform show -json` plans read into the same `TerraformModule` shape the HCL
/// evaluator produces, so every rule runs unchanged over plans. Values come from
/// `planned_values` (Terraform has already done the evaluation), "known after apply"
/// from `resource_changes[].change.after_unknown`, and references between resources
/// from `configuration`, which connected-resource rules need.
public enum TerraformPlan {
    /// Whether a parsed JSON value looks like a plan (cheap: two top-level keys).
    public static func isPlan(_ v: Value) -> Bool {
        v["planned_values"]?.objectValue != nil && v["format_version"] != nil
    }

    public static func module(from doc: Document) -> TerraformModule {
        var m = TerraformModule()
        let plan = doc.value
        var afterUnknown: [String: Value] = [:]
        for change in plan["resource_changes"]?.arrayValue ?? [] {
            if let address = change["address"]?.stringValue, let u = change["change"]?["after_unknown"] { afterUnknown[address] = u }
        }
        // References by configuration address (no instance keys), per attribute path.
        var references: [String: [String: [String]]] = [:]
        collectReferences(plan["configuration"]?["root_module"], modulePath: "", into: &references)

        func walk(_ module: Value?, path: [PathComponent]) {
            guard let module else { return }
            for (i, r) in (module["resources"]?.arrayValue ?? []).enumerated() {
                guard let address = r["address"]?.stringValue, let type = r["type"]?.stringValue, let name = r["name"]?.stringValue else { continue }
                let mode = r["mode"]?.stringValue == "data" ? "data" : "resource"
                let modulePath = Self.modulePath(of: address)
                let rPath = path + [.key("resources"), .index(i)]
                let span = doc.span(at: rPath)
                var inst = ResourceInstance(mode: mode, type: type, name: name, address: address, file: doc.file,
                                            position: HCLPosition(line: span.line, column: span.column), attributes: r["values"]?.objectValue ?? Object(),
                                            unknown: [:], positions: [:])
                inst.modulePath = modulePath
                for p in truePaths(afterUnknown[address]) { inst.unknown[p] = "\(p) is known only after apply (plan)" }
                // `sensitive_values` mirrors the values with `true` where Terraform redacts.
                inst.sensitive = Set(truePaths(r["sensitive_values"]))
                for (attr, v) in inst.attributes { recordPositions(v, path: attr, docPath: rPath + [.key("values"), .key(attr)], doc: doc, into: &inst.positions) }
                let configAddress = TerraformModule.configurationPath(modulePath)
                    + (mode == "data" ? "data." : "") + "\(type).\(name)"
                inst.references = references[configAddress] ?? [:]
                m.instances.append(inst)
            }
            for (i, child) in (module["child_modules"]?.arrayValue ?? []).enumerated() {
                walk(child, path: path + [.key("child_modules"), .index(i)])
            }
        }
        walk(plan["planned_values"]?["root_module"], path: [.key("planned_values"), .key("root_module")])
        m.buildTypeIndex()
        return m
    }

    /// `module.a["x"].module.b.aws_s3_bucket.c[0]` → `module.a["x"].module.b.`
    public static func modulePath(of address: String) -> String {
        var out = "", rest = Substring(address)
        while rest.hasPrefix("module.") {
            // module.NAME or module.NAME[KEY], then a dot.
            var end = rest.index(rest.startIndex, offsetBy: 7)
            var depth = 0, inString = false
            while end < rest.endIndex {
                let c = rest[end]
                if inString { if c == "\"" { inString = false } } else if c == "\"" { inString = true } else if c == "[" { depth += 1 } else if c == "]" { depth -= 1 } else if c == ".", depth == 0 { break }
                end = rest.index(after: end)
            }
            guard end < rest.endIndex else { break }
            out += rest[..<end] + "."
            rest = rest[rest.index(after: end)...]
        }
        return out
    }

    /// Paths of the `true` leaves of a mirror object (`after_unknown`, `sensitive_values`).
    static func truePaths(_ mirror: Value?, prefix: String = "") -> [String] {
        switch mirror {
        case .bool(true)?: return prefix.isEmpty ? [] : [prefix]
        case .object(let o)?: return o.flatMap { truePaths($0.value, prefix: prefix.isEmpty ? $0.key : "\(prefix).\($0.key)") }
        case .array(let a)?: return a.enumerated().flatMap { truePaths($0.element, prefix: "\(prefix).\($0.offset)") }
        default: return []
        }
    }

    static func recordPositions(_ v: Value, path: String, docPath: [PathComponent], doc: Document, into positions: inout [String: HCLPosition]) {
        let s = doc.span(at: docPath)
        positions[path] = HCLPosition(line: s.line, column: s.column)
        switch v {
        case .object(let o): for (k, x) in o { recordPositions(x, path: "\(path).\(k)", docPath: docPath + [.key(k)], doc: doc, into: &positions) }
        case .array(let a) where a.count <= 64: for (i, x) in a.enumerated() { recordPositions(x, path: "\(path).\(i)", docPath: docPath + [.index(i)], doc: doc, into: &positions) }
        default: break
        }
    }

    /// `configuration.root_module.resources[].expressions` → attribute path → referenced
    /// resource addresses (`aws_s3_bucket.b`), recursively through `module_calls`.
    static func collectReferences(_ module: Value?, modulePath: String, into out: inout [String: [String: [String]]]) {
        guard let module else { return }
        for r in module["resources"]?.arrayValue ?? [] {
            guard let address = r["address"]?.stringValue else { continue }
            var refs: [String: [String]] = [:]
            func walk(_ e: Value?, _ path: String) {
                guard let o = e?.objectValue else {
                    for (i, x) in (e?.arrayValue ?? []).enumerated() { walk(x, "\(path).\(i)") }
                    return
                }
                if let list = o["references"]?.arrayValue {
                    let targets = list.compactMap(\.stringValue).compactMap(resourceAddress)
                    if !targets.isEmpty { refs[path, default: []] += targets }
                    return
                }
                if o["constant_value"] != nil { return }
                for (k, v) in o { walk(v, path.isEmpty ? k : "\(path).\(k)") }
            }
            walk(r["expressions"], "")
            out[modulePath + address] = refs
        }
        for (name, call) in module["module_calls"]?.objectValue ?? Object() {
            collectReferences(call["module"], modulePath: modulePath + "module.\(name).", into: &out)
        }
    }

    /// `aws_s3_bucket.b.id` → `aws_s3_bucket.b`; `data.x.y.z` → `data.x.y`; others nil.
    static func resourceAddress(_ ref: String) -> String? {
        let parts = ref.split(separator: ".").map { String($0.split(separator: "[").first ?? "") }
        if parts.first == "data", parts.count >= 3 { return "data.\(parts[1]).\(parts[2])" }
        guard parts.count >= 2, !TerraformModule.nonResourceRoots.contains(parts[0]) else { return nil }
        return "\(parts[0]).\(parts[1])"
    }
}
