import Foundation

/// Where output goes: results on stdout, diagnostics on stderr.
enum Terminal {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("bulwark: " + message + "\n").utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

    /// ANSI colour when stdout is a terminal and NO_COLOR is unset.
    static func paint(_ s: String, _ code: String) -> String {
        guard stdoutIsTerminal, ProcessInfo.processInfo.environment["NO_COLOR"] == nil else { return s }
        return "\u{1B}[\(code)m\(s)\u{1B}[0m"
    }

    /// Left-aligned columns.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in i == cells.count - 1 ? c : c.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }
}
