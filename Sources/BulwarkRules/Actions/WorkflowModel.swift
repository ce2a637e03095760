import BulwarkCore

/// Walks the parts of a workflow rules care about, with their paths for positions.
struct WorkflowModel {
    let document: Document

    struct Step {
        var job: String
        var index: Int
        var value: Value
        var path: [PathComponent]
    }

    var jobs: [(name: String, value: Value, path: [PathComponent])] {
        guard case .object(let jobs)? = document.value["jobs"] else { return [] }
        return jobs.map { ($0.key, $0.value, [.key("jobs"), .key($0.key)]) }
    }

    var steps: [Step] {
        jobs.flatMap { job in
            (job.value["steps"]?.arrayValue ?? []).enumerated().map { i, v in
                Step(job: job.name, index: i, value: v, path: job.path + [.key("steps"), .index(i)])
            }
        }
    }

    /// Trigger names, whether `on` is a string, a list or a map.
    var triggers: [String] {
        switch document.value["on"] ?? document.value["true"] {
        case .string(let s)?: return [s]
        case .array(let a)?: return a.compactMap(\.stringValue)
        case .object(let o)?: return o.keys
        default: return []
        }
    }

    func hit(_ path: [PathComponent], _ message: String) -> RuleHit {
        let span = document.span(at: path)
        return RuleHit(line: span.line, column: span.column, message: message,
                       attributePath: path.map(\.description).joined(separator: "."))
    }

    static func isWorkflow(_ v: Value) -> Bool { v["jobs"] != nil && (v["on"] != nil || v["true"] != nil) }
}
