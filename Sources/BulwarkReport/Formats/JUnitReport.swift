import BulwarkCore

/// For CI test tabs: one test suite per rule, one failing test case per finding, and a
/// passing case for rules that ran clean is not invented — only what was found.
struct JUnitReport: ReportRenderer {
    func render(_ input: ReportInput) -> String {
        let grouped = Dictionary(grouping: input.active, by: \.ruleId)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"bulwark\" tests=\"\(max(1, input.active.count))\" failures=\"\(input.failing.count)\">\n"
        if grouped.isEmpty {
            out += "  <testsuite name=\"bulwark\" tests=\"1\" failures=\"0\">\n    <testcase classname=\"bulwark\" name=\"scan (\(input.filesScanned) files)\"/>\n  </testsuite>\n"
        }
        for id in grouped.keys.sorted() {
            let fs = grouped[id]!
            let failing = fs.filter { $0.severity >= input.threshold(for: $0) }.count
            out += "  <testsuite name=\"\(Escape.xml(id)) \(Escape.xml(fs[0].title))\" tests=\"\(fs.count)\" failures=\"\(failing)\">\n"
            for f in fs {
                let name = "\(f.location.file):\(f.location.line)\(f.resource.map { " \($0.description)" } ?? "")"
                out += "    <testcase classname=\"\(Escape.xml(id))\" name=\"\(Escape.xml(name))\" file=\"\(Escape.xml(f.location.file))\" line=\"\(f.location.line)\">\n"
                let tag = f.severity >= input.threshold(for: f) ? "failure" : "system-out"
                if tag == "failure" {
                    out += "      <failure type=\"\(f.severity.rawValue)\" message=\"\(Escape.xml(f.message))\">\(Escape.xml("\(f.location): \(f.message)\nfix: \(f.remediation)"))</failure>\n"
                } else {
                    out += "      <system-out>\(Escape.xml("\(f.severity.rawValue): \(f.message)"))</system-out>\n"
                }
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }
}
