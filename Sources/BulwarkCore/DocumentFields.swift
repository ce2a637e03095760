/// Typed fields of configuration documents (`.bulwark.yaml`, compliance level files): a
/// missing field is empty, a field of the wrong type is an error at the field's position.
extension Document {
    /// A list of strings; [] when absent.
    public func strings(at path: [PathComponent]) throws -> [String] {
        guard let v = value.value(at: path) else { return [] }
        guard let a = v.arrayValue, a.allSatisfy({ $0.stringValue != nil }) else {
            throw BulwarkError(.schema, "expected a list of strings", at: span(at: path))
        }
        return a.compactMap(\.stringValue)
    }

    /// A severity (`failOn: medium`); nil when absent.
    public func severity(at path: [PathComponent]) throws -> Severity? {
        guard let v = value.value(at: path) else { return nil }
        guard let s = v.stringValue, let sev = Severity(lenient: s) else {
            throw BulwarkError(.schema, "\(Self.dotted(path)) must be one of \(Self.severityNames)", at: span(at: path))
        }
        return sev
    }

    /// Rule ids to severities (`rules.severity`), in the order written; [] when absent.
    public func severities(at path: [PathComponent]) throws -> [(String, Severity)] {
        guard let v = value.value(at: path) else { return [] }
        guard let m = v.objectValue else { throw BulwarkError(.schema, "\(Self.dotted(path)) must map rule ids to severities", at: span(at: path)) }
        return try m.map { id, v in
            guard let s = v.stringValue, let sev = Severity(lenient: s) else {
                throw BulwarkError(.schema, "severity for \(id) must be one of \(Self.severityNames)", at: span(at: path + [.key(id)]))
            }
            return (id, sev)
        }
    }

    static var severityNames: String { Severity.allCases.map(\.rawValue).joined(separator: ", ") }

    static func dotted(_ path: [PathComponent]) -> String {
        path.map { if case .key(let k) = $0 { k } else { "[]" } }.joined(separator: ".")
    }
}
