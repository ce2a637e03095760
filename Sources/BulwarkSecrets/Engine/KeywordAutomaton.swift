/// Aho-Corasick over bytes, case-insensitive for ASCII: finds every occurrence of every
/// keyword in one pass, so a rule's regex only runs where one of its keywords is.
///
/// Compiled to a DFA whose alphabet is byte classes (each byte that occurs in a keyword
/// has its own class, upper- and lower-case letters share one, every other byte is class
/// 0), which keeps the table small enough for L1/L2. A transition entry holds the next
/// state's row offset with the sign bit set when that state ends a keyword, so the inner
/// loop is one table load, one mask and one sign test per byte.
public struct KeywordAutomaton: Sendable {
    public let keywords: [[UInt8]]
    private let classes: [UInt8]
    private let classCount: Int
    private let table: [Int32]
    /// Keywords ending in each state (its own and those reached through failure links).
    private let outputs: [[Int32]]

    public init(keywords: [String]) {
        let lowered = keywords.map { Array($0.lowercased().utf8) }
        self.keywords = lowered
        var classes = [UInt8](repeating: 0, count: 256)
        var next: UInt8 = 1
        for k in lowered {
            for b in k where classes[Int(b)] == 0 {
                classes[Int(b)] = next
                if b >= 0x61 && b <= 0x7A { classes[Int(b - 0x20)] = next }
                next += 1
            }
        }
        let c = Int(next)
        // Trie with -1 for missing edges.
        var goto: [[Int32]] = [[Int32](repeating: -1, count: c)]
        var out: [[Int32]] = [[]]
        for (id, k) in lowered.enumerated() where !k.isEmpty {
            var s = 0
            for b in k {
                let cls = Int(classes[Int(b)])
                if goto[s][cls] < 0 {
                    goto.append([Int32](repeating: -1, count: c))
                    out.append([])
                    goto[s][cls] = Int32(goto.count - 1)
                }
                s = Int(goto[s][cls])
            }
            out[s].append(Int32(id))
        }
        // Breadth-first failure links, completing the DFA as we go.
        var fail = [Int](repeating: 0, count: goto.count)
        var queue: [Int] = []
        for cls in 0..<c {
            if goto[0][cls] < 0 { goto[0][cls] = 0 } else { queue.append(Int(goto[0][cls])) }
        }
        var head = 0
        while head < queue.count {
            let s = queue[head]
            head += 1
            // fail[s] is shallower, so it was dequeued first and its outputs are final.
            out[s] += out[fail[s]].filter { !out[s].contains($0) }
            for cls in 0..<c {
                let t = goto[s][cls]
                if t < 0 {
                    goto[s][cls] = goto[fail[s]][cls]
                } else {
                    fail[Int(t)] = Int(goto[fail[s]][cls])
                    queue.append(Int(t))
                }
            }
        }
        var table = [Int32](repeating: 0, count: goto.count * c)
        for s in 0..<goto.count {
            for cls in 0..<c {
                let t = Int(goto[s][cls])
                var entry = Int32(t * c)
                if !out[t].isEmpty { entry |= Int32.min }
                table[s * c + cls] = entry
            }
        }
        self.classes = classes
        self.classCount = c
        self.table = table
        self.outputs = out
    }

    /// Calls `hit(keywordIndex, endOffset)` for every occurrence, in order of end offset.
    @inline(__always)
    public func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ hit: (Int, Int) -> Void) {
        guard let base = bytes.baseAddress else { return }
        let n = bytes.count
        table.withUnsafeBufferPointer { t in
            classes.withUnsafeBufferPointer { cls in
                let tp = t.baseAddress!, cp = cls.baseAddress!
                var s: Int32 = 0
                var i = 0
                while i < n {
                    let e = tp[Int(s) &+ Int(cp[Int(base[i])])]
                    s = e & Int32.max
                    if e < 0 {
                        for k in outputs[Int(s) / classCount] { hit(Int(k), i + 1) }
                    }
                    i &+= 1
                }
            }
        }
    }

    public var stateCount: Int { outputs.count }
}
