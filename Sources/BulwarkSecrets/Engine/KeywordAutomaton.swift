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
    let longestKeyword: Int
    private let classes: [UInt8]
    private let classCount: Int
    private let table: [Int32]
    /// Keywords ending in each state (its own and those reached through failure links),
    /// flattened: state s owns outputList[outputStart[s]..<outputStart[s+1]].
    private let outputStart: [Int32]
    private let outputList: [Int32]

    public init(keywords: [String]) {
        let lowered = keywords.map { Array($0.lowercased().utf8) }
        self.keywords = lowered
        self.longestKeyword = lowered.map { $0.count }.max() ?? 1
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
        var starts: [Int32] = [0]
        var list: [Int32] = []
        for o in out { list += o; starts.append(Int32(list.count)) }
        self.outputStart = starts
        self.outputList = list
    }

    /// Calls `hit(keywordIndex, endOffset)` for every occurrence, in order of end offset.
    @inline(__always)
    public func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ hit: (Int, Int) -> Void) {
        guard let base = bytes.baseAddress else { return }
        let n = bytes.count
        table.withUnsafeBufferPointer { t in
        classes.withUnsafeBufferPointer { cls in
        outputStart.withUnsafeBufferPointer { os in
        outputList.withUnsafeBufferPointer { ol in
            let tp = t.baseAddress!, cp = cls.baseAddress!
            var s: Int32 = 0
            var i = 0
            while i < n {
                let e = tp[Int(s) &+ Int(cp[Int(base[i])])]
                s = e & Int32.max
                if e < 0 {
                    let state = Int(s) / classCount
                    for k in Int(os[state])..<Int(os[state + 1]) { hit(Int(ol[k]), i + 1) }
                }
                i &+= 1
            }
        }
        }
        }
        }
    }

    public var stateCount: Int { outputStart.count - 1 }

    /// Every occurrence as (keyword index, end offset), sorted by end.
    ///
    /// A table DFA is bound by the latency of its dependent loads (one per byte), not by
    /// bandwidth. Four independent automata over four quarters of the buffer keep four
    /// load chains in flight at once; each quarter after the first starts early by the
    /// longest keyword minus one byte so keywords spanning a boundary are still found,
    /// and reports only hits that end inside its own quarter.
    public func collect(_ bytes: UnsafeBufferPointer<UInt8>, into hits: inout [(keyword: Int32, end: Int32)]) {
        hits.removeAll(keepingCapacity: true)
        let n = bytes.count
        guard let base = bytes.baseAddress, n > 0 else { return }
        let lanes = 4
        let overlap = max(0, longestKeyword - 1)
        if n < 4096 {
            scan(bytes) { k, end in hits.append((Int32(k), Int32(end))) }
            return
        }
        let quarter = (n + lanes - 1) / lanes
        var bounds: [(start: Int, own: Int, end: Int)] = []
        for l in 0..<lanes {
            let own = l * quarter, end = min(n, own + quarter)
            bounds.append((max(0, own - (l == 0 ? 0 : overlap)), own, end))
        }
        var laneHits = [[(keyword: Int32, end: Int32)]](repeating: [], count: lanes)
        for l in 1..<lanes { laneHits[l].reserveCapacity(hits.capacity / lanes + 16) }
        table.withUnsafeBufferPointer { t in
        classes.withUnsafeBufferPointer { cls in
        outputStart.withUnsafeBufferPointer { os in
        outputList.withUnsafeBufferPointer { ol in
            let tp = t.baseAddress!, cp = cls.baseAddress!
            var s0: Int32 = 0, s1: Int32 = 0, s2: Int32 = 0, s3: Int32 = 0
            let p0 = bounds[0].start, p1 = bounds[1].start, p2 = bounds[2].start, p3 = bounds[3].start
            let len = bounds.map { $0.end - $0.start }
            let common = len.min()!
            @inline(__always) func emit(_ lane: Int, _ s: Int32, _ at: Int) {
                let state = Int(s) / classCount
                let end = at + 1
                guard end > bounds[lane].own else { return }
                for k in Int(os[state])..<Int(os[state + 1]) { laneHits[lane].append((ol[k], Int32(end))) }
            }
            var i = 0
            while i < common {
                let e0 = tp[Int(s0) &+ Int(cp[Int(base[p0 &+ i])])]
                let e1 = tp[Int(s1) &+ Int(cp[Int(base[p1 &+ i])])]
                let e2 = tp[Int(s2) &+ Int(cp[Int(base[p2 &+ i])])]
                let e3 = tp[Int(s3) &+ Int(cp[Int(base[p3 &+ i])])]
                s0 = e0 & Int32.max; s1 = e1 & Int32.max; s2 = e2 & Int32.max; s3 = e3 & Int32.max
                if (e0 | e1 | e2 | e3) < 0 {
                    if e0 < 0 { emit(0, s0, p0 &+ i) }
                    if e1 < 0 { emit(1, s1, p1 &+ i) }
                    if e2 < 0 { emit(2, s2, p2 &+ i) }
                    if e3 < 0 { emit(3, s3, p3 &+ i) }
                }
                i &+= 1
            }
            // Tails: lanes differ in length by at most the overlap and the rounding.
            var states = [s0, s1, s2, s3]
            for l in 0..<lanes {
                var s = states[l]
                var j = bounds[l].start + common
                while j < bounds[l].end {
                    let e = tp[Int(s) &+ Int(cp[Int(base[j])])]
                    s = e & Int32.max
                    if e < 0 { emit(l, s, j) }
                    j &+= 1
                }
                states[l] = s
            }
        }
        }
        }
        }
        hits = laneHits[0]
        for l in 1..<lanes { hits += laneHits[l] }
    }
}
