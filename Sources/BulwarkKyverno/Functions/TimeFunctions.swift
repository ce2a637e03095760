import BulwarkCore
import BulwarkJMESPath
import Foundation

/// Kyverno's time functions over RFC 3339 strings, with Go layouts for parsing.
/// `clock` replaces the system time so results are reproducible in tests.
enum TimeFunctions {
    static func all(clock: @escaping KyvernoFunctions.Clock) -> [Function] {
        [
            Function("time_now", [], returns: "string", summary: "current time, RFC 3339") { _ in .string(GoTime.rfc3339(clock())) },
            Function("time_now_utc", [], returns: "string", summary: "current UTC time, RFC 3339") { _ in .string(GoTime.rfc3339(clock())) },
            Function("time_since", [[.string], [.string], [.string]], returns: "string", summary: "duration from ts1 to ts2 (now when empty)") { a in
                let layout = a[0].stringValue ?? ""
                let start = try GoTime.parse(layout, a[1].stringValue ?? "", "time_since")
                let endText = a[2].stringValue ?? ""
                let end = endText.isEmpty ? clock() : try GoTime.parse(layout, endText, "time_since")
                return .string(Duration.format(end.timeIntervalSince(start)))
            },
            Function("time_add", [[.string], [.string]], returns: "string", summary: "time plus a Go duration") { a in
                let t = try GoTime.parse("", a[0].stringValue ?? "", "time_add")
                guard let d = Duration.parse(a[1].stringValue ?? "") else { throw KyvernoFunctions.fail("time_add", "invalid duration") }
                return .string(GoTime.rfc3339(t.addingTimeInterval(d)))
            },
            Function("time_parse", [[.string], [.string]], returns: "string", summary: "parse with a Go layout to RFC 3339") { a in
                .string(GoTime.rfc3339(try GoTime.parse(a[0].stringValue ?? "", a[1].stringValue ?? "", "time_parse")))
            },
            Function("time_utc", [[.string]], returns: "string") { a in
                .string(GoTime.rfc3339(try GoTime.parse("", a[0].stringValue ?? "", "time_utc")))
            },
            Function("time_to_cron", [[.string]], returns: "string", summary: "a cron expression firing at that time") { a in
                let t = try GoTime.parse("", a[0].stringValue ?? "", "time_to_cron")
                let c = GoTime.calendar.dateComponents([.minute, .hour, .day, .month, .weekday], from: t)
                return .string("\(c.minute ?? 0) \(c.hour ?? 0) \(c.day ?? 1) \(c.month ?? 1) \((c.weekday ?? 1) - 1)")
            },
            Function("time_diff", [[.string], [.string]], returns: "string", summary: "duration t2 - t1") { a in
                let t1 = try GoTime.parse("", a[0].stringValue ?? "", "time_diff")
                let t2 = try GoTime.parse("", a[1].stringValue ?? "", "time_diff")
                return .string(Duration.format(t2.timeIntervalSince(t1)))
            },
            Function("time_before", [[.string], [.string]], returns: "boolean") { a in
                .bool(try GoTime.parse("", a[0].stringValue ?? "", "time_before") < GoTime.parse("", a[1].stringValue ?? "", "time_before"))
            },
            Function("time_after", [[.string], [.string]], returns: "boolean") { a in
                .bool(try GoTime.parse("", a[0].stringValue ?? "", "time_after") > GoTime.parse("", a[1].stringValue ?? "", "time_after"))
            },
            Function("time_between", [[.string], [.string], [.string]], returns: "boolean", summary: "start < t < end") { a in
                let t = try GoTime.parse("", a[0].stringValue ?? "", "time_between")
                let s = try GoTime.parse("", a[1].stringValue ?? "", "time_between")
                let e = try GoTime.parse("", a[2].stringValue ?? "", "time_between")
                return .bool(t > s && t < e)
            },
            Function("time_truncate", [[.string], [.string]], returns: "string", summary: "round down to a multiple of a duration") { a in
                let t = try GoTime.parse("", a[0].stringValue ?? "", "time_truncate")
                guard let d = Duration.parse(a[1].stringValue ?? ""), d > 0 else { throw KyvernoFunctions.fail("time_truncate", "invalid duration") }
                let secs = t.timeIntervalSince1970
                return .string(GoTime.rfc3339(Date(timeIntervalSince1970: (secs / d).rounded(.down) * d)))
            },
        ]
    }
}

/// Go time layouts translated to Foundation formats.
enum GoTime {
    static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC") ?? .current
        return c
    }()

    static func rfc3339(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: d)
    }

    static func parse(_ layout: String, _ text: String, _ fn: String) throws -> Date {
        if layout.isEmpty || layout == "2006-01-02T15:04:05Z07:00" {
            let f = ISO8601DateFormatter()
            f.formatOptions = [.withInternetDateTime]
            if let d = f.date(from: text) { return d }
            f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            if let d = f.date(from: text) { return d }
            throw KyvernoFunctions.fail(fn, "'\(text)' is not an RFC 3339 time")
        }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = foundationFormat(layout)
        guard let d = f.date(from: text) else { throw KyvernoFunctions.fail(fn, "'\(text)' does not match layout '\(layout)'") }
        return d
    }

    /// Longest-first replacement of Go's reference-time tokens.
    static func foundationFormat(_ layout: String) -> String {
        let tokens: [(String, String)] = [
            ("January", "MMMM"), ("Monday", "EEEE"), ("Z07:00", "XXXXX"), ("-07:00", "xxxxx"), ("Z0700", "XX"), ("-0700", "xx"),
            ("2006", "yyyy"), (".000000000", ".SSSSSSSSS"), (".000000", ".SSSSSS"), (".000", ".SSS"),
            ("Jan", "MMM"), ("Mon", "EEE"), ("MST", "zzz"), ("15", "HH"), ("06", "yy"), ("01", "MM"), ("02", "dd"),
            ("03", "hh"), ("04", "mm"), ("05", "ss"), ("PM", "a"), ("_2", "d"), ("1", "M"), ("2", "d"), ("3", "h"), ("4", "m"), ("5", "s"),
        ]
        var out = ""
        var rest = Substring(layout)
        outer: while !rest.isEmpty {
            for (go, fd) in tokens where rest.hasPrefix(go) {
                out += fd
                rest = rest.dropFirst(go.count)
                continue outer
            }
            let c = rest.removeFirst()
            if c.isLetter { out += "'\(c)'" } else { out.append(c) }
        }
        return out
    }
}
