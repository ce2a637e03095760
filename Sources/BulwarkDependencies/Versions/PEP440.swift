import Foundation

/// PEP 440 ordering for Python packages: epoch (`1!`), release segments, then
/// dev < pre (a < b < rc) < final < post, with `.devN` on any of them sorting first,
/// and local versions (`+local`) after the public version. Normalises spellings
/// (`alpha`, `c`, `pre`, `preview`, `rev`, `r`, `-1` as post, separators, case).
public enum PEP440 {
    struct Key: Comparable {
        var epoch: Int
        var release: [Int]
        /// (phase, n): phase -3 dev-only release, -2 a, -1 b, 0 rc, 1 final (no pre)
        var pre: (Int, Int)
        var post: Int  // -1: none
        var dev: Int   // Int.max: none
        var local: [String]

        static func < (l: Key, r: Key) -> Bool { cmp(l, r) < 0 }
        static func == (l: Key, r: Key) -> Bool { cmp(l, r) == 0 }

        static func cmp(_ l: Key, _ r: Key) -> Int {
            if l.epoch != r.epoch { return sign(l.epoch - r.epoch) }
            let n = max(l.release.count, r.release.count)
            for i in 0..<n {
                let a = i < l.release.count ? l.release[i] : 0, b = i < r.release.count ? r.release[i] : 0
                if a != b { return sign(a - b) }
            }
            if l.pre != r.pre { return l.pre < r.pre ? -1 : 1 }
            if l.post != r.post { return sign(l.post - r.post) }
            if l.dev != r.dev { return l.dev < r.dev ? -1 : 1 }
            for i in 0..<min(l.local.count, r.local.count) where l.local[i] != r.local[i] {
                switch (Int(l.local[i]), Int(r.local[i])) {
                case let (a?, b?): return sign(a - b)
                case (.some, nil): return 1
                case (nil, .some): return -1
                default: return l.local[i] < r.local[i] ? -1 : 1
                }
            }
            return sign(l.local.count - r.local.count)
        }
    }

    static func parse(_ raw: String) -> Key? {
        var s = raw.lowercased().trimmingCharacters(in: .whitespaces)
        if s.hasPrefix("v") { s.removeFirst() }
        var local: [String] = []
        if let plus = s.firstIndex(of: "+") {
            local = s[s.index(after: plus)...].split(whereSeparator: { $0 == "." || $0 == "-" || $0 == "_" }).map(String.init)
            s = String(s[..<plus])
        }
        var epoch = 0
        if let bang = s.firstIndex(of: "!") {
            guard let e = Int(s[..<bang]) else { return nil }
            epoch = e
            s = String(s[s.index(after: bang)...])
        }
        let chars = Array(s)
        var i = 0
        var overflow = false
        func number() -> Int? {
            var j = i
            while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
            guard j > i else { return nil }
            defer { i = j }
            guard let n = Int(String(chars[i..<j])) else { overflow = true; return nil }
            return n
        }
        func skipSeparator() { if i < chars.count, ".-_".contains(chars[i]) { i += 1 } }
        func word(_ options: [String]) -> String? {
            for w in options.sorted(by: { $0.count > $1.count }) where i + w.count <= chars.count && String(chars[i..<(i + w.count)]) == w {
                i += w.count
                return w
            }
            return nil
        }
        var release: [Int] = []
        guard let first = number() else { return nil }
        release.append(first)
        while i + 1 < chars.count, chars[i] == ".", chars[i + 1].isASCII, chars[i + 1].isNumber {
            i += 1
            guard let n = number() else { return nil }
            release.append(n)
        }
        var pre: (Int, Int) = (1, 0)
        var post = -1
        var dev = Int.max
        let save = i
        skipSeparator()
        if let w = word(["alpha", "a", "beta", "b", "preview", "pre", "rc", "c"]) {
            let phase = w.hasPrefix("a") ? -2 : w.hasPrefix("b") ? -1 : 0
            skipSeparator()
            pre = (phase, number() ?? 0)
        } else { i = save }
        let save2 = i
        if i < chars.count, chars[i] == "-", i + 1 < chars.count, chars[i + 1].isASCII, chars[i + 1].isNumber {
            i += 1
            guard let n = number() else { return nil }
            post = n
        } else {
            skipSeparator()
            if word(["post", "rev", "r"]) != nil {
                skipSeparator()
                post = number() ?? 0
            } else { i = save2 }
        }
        let save3 = i
        skipSeparator()
        if word(["dev"]) != nil { dev = number() ?? 0 } else { i = save3 }
        guard i == chars.count, !overflow else { return nil }
        // A dev release of a final version (1.0.dev1) sorts before its pre-releases (1.0a1).
        if dev != Int.max, pre == (1, 0), post == -1 { pre = (-3, 0) }
        return Key(epoch: epoch, release: release, pre: pre, post: post, dev: dev, local: local)
    }

    public static func compare(_ a: String, _ b: String) -> Int? {
        guard let x = parse(a), let y = parse(b) else { return nil }
        return Key.cmp(x, y)
    }
}
