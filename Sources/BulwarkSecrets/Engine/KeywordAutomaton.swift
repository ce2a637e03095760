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
    private let classShift: Int
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
        // Rows are a power of two wide so a state's index is a shift of its row offset.
        var c = 1
        while c < Int(next) { c <<= 1 }
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
        self.classShift = c.trailingZeroBitCount
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
                    let state = Int(s) &>> classShift
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
        // Per-lane hit buffers as raw growable storage: appending through nested Swift arrays
        // cost a uniqueness check and reference counting per hit.
        var lanesOut = (HitBuffer(capacity: quarter / 8 + 64), HitBuffer(capacity: quarter / 8 + 64),
                        HitBuffer(capacity: quarter / 8 + 64), HitBuffer(capacity: quarter / 8 + 64))
        defer { lanesOut.0.free(); lanesOut.1.free(); lanesOut.2.free(); lanesOut.3.free() }
        table.withUnsafeBufferPointer { t in
        classes.withUnsafeBufferPointer { cls in
        outputStart.withUnsafeBufferPointer { os in
        outputList.withUnsafeBufferPointer { ol in
            let tp = t.baseAddress!, cp = cls.baseAddress!
            var s0: Int32 = 0, s1: Int32 = 0, s2: Int32 = 0, s3: Int32 = 0
            let p0 = bounds[0].start, p1 = bounds[1].start, p2 = bounds[2].start, p3 = bounds[3].start
            let len = bounds.map { $0.end - $0.start }
            let common = len.min()!
            let shift = classShift
            @inline(__always) func emit(_ out: inout HitBuffer, _ own: Int, _ s: Int32, _ at: Int) {
                let state = Int(s) &>> shift
                let end = at + 1
                guard end > own else { return }
                for k in Int(os[state])..<Int(os[state + 1]) { out.append(ol[k], Int32(end)) }
            }
            let o0 = bounds[0].own, o1 = bounds[1].own, o2 = bounds[2].own, o3 = bounds[3].own
            var i = 0
            while i < common {
                let e0 = tp[Int(s0) &+ Int(cp[Int(base[p0 &+ i])])]
                let e1 = tp[Int(s1) &+ Int(cp[Int(base[p1 &+ i])])]
                let e2 = tp[Int(s2) &+ Int(cp[Int(base[p2 &+ i])])]
                let e3 = tp[Int(s3) &+ Int(cp[Int(base[p3 &+ i])])]
                s0 = e0 & Int32.max; s1 = e1 & Int32.max; s2 = e2 & Int32.max; s3 = e3 & Int32.max
                if (e0 | e1 | e2 | e3) < 0 {
                    if e0 < 0 { emit(&lanesOut.0, o0, s0, p0 &+ i) }
                    if e1 < 0 { emit(&lanesOut.1, o1, s1, p1 &+ i) }
                    if e2 < 0 { emit(&lanesOut.2, o2, s2, p2 &+ i) }
                    if e3 < 0 { emit(&lanesOut.3, o3, s3, p3 &+ i) }
                }
                i &+= 1
            }
            // Tails: lanes differ in length by at most the overlap and the rounding.
            func tail(_ l: Int, _ start: Int32, _ out: inout HitBuffer) {
                var s = start
                var j = bounds[l].start + common
                while j < bounds[l].end {
                    let e = tp[Int(s) &+ Int(cp[Int(base[j])])]
                    s = e & Int32.max
                    if e < 0 { emit(&out, bounds[l].own, s, j) }
                    j &+= 1
                }
            }
            tail(0, s0, &lanesOut.0); tail(1, s1, &lanesOut.1); tail(2, s2, &lanesOut.2); tail(3, s3, &lanesOut.3)
        }
        }
        }
        }
        hits.reserveCapacity(lanesOut.0.count + lanesOut.1.count + lanesOut.2.count + lanesOut.3.count)
        lanesOut.0.drain(into: &hits); lanesOut.1.drain(into: &hits); lanesOut.2.drain(into: &hits); lanesOut.3.drain(into: &hits)
    }
}

/// Raw growable storage for (keyword, end) pairs, freed by its owner.
struct HitBuffer {
    var base: UnsafeMutablePointer<(keyword: Int32, end: Int32)>
    var count = 0
    var capacity: Int

    init(capacity: Int) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    @inline(__always) mutating func append(_ k: Int32, _ e: Int32) {
        if count == capacity {
            let bigger = UnsafeMutablePointer<(keyword: Int32, end: Int32)>.allocate(capacity: capacity * 2)
            bigger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = bigger
            capacity *= 2
        }
        (base + count).initialize(to: (k, e))
        count += 1
    }

    func drain(into hits: inout [(keyword: Int32, end: Int32)]) {
        hits.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
    }

    func free() { base.deallocate() }
}
