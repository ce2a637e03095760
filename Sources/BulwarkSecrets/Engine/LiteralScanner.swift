import CVectorscan

/// The keyword pass on Vectorscan: every keyword compiled as a case-insensitive literal
/// into one block-mode database, matched with SIMD (Teddy/FDR) at several GB/s, where the
/// table-driven automaton is bound by one dependent load per byte. Reports the same
/// (keyword, end) pairs as `KeywordAutomaton.collect`; nil when the database cannot be built.
public final class LiteralScanner: @unchecked Sendable {
    let database: OpaquePointer

    public init?(keywords: [[UInt8]]) {
        guard !keywords.isEmpty, keywords.allSatisfy({ !$0.isEmpty }) else { return nil }
        var db: OpaquePointer?
        var error: UnsafeMutablePointer<hs_compile_error_t>?
        let storage = keywords.map { k in k.map { CChar(bitPattern: $0) } }
        let flags = [UInt32](repeating: UInt32(HS_FLAG_CASELESS), count: keywords.count)
        let ids = (0..<keywords.count).map(UInt32.init)
        let lens = keywords.map(\.count)
        let rc: hs_error_t = withPointers(storage) { ptrs in
            hs_compile_lit_multi(ptrs, flags, ids, lens, UInt32(keywords.count), UInt32(HS_MODE_BLOCK), nil, &db, &error)
        }
        if let error { hs_free_compile_error(error) }
        guard rc == HS_SUCCESS, let db else { return nil }
        database = db
    }

    deinit { hs_free_database(database) }

    /// Scratch space for one thread (Vectorscan needs it per concurrent scan).
    public final class Scratch {
        var pointer: OpaquePointer?
        public init() {}
        deinit { if let pointer { hs_free_scratch(pointer) } }
    }

    /// Every occurrence as (keyword index, end offset), sorted by end then keyword.
    public func collect(_ bytes: UnsafeBufferPointer<UInt8>, scratch: Scratch, into hits: inout [(keyword: Int32, end: Int32)]) -> Bool {
        hits.removeAll(keepingCapacity: true)
        guard let base = bytes.baseAddress, bytes.count > 0 else { return true }
        guard hs_alloc_scratch(database, &scratch.pointer) == HS_SUCCESS else { return false }
        var buffer = HitBuffer(capacity: bytes.count / 64 + 64)
        defer { buffer.free() }
        let rc = withUnsafeMutablePointer(to: &buffer) { ctx in
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
                hs_scan(database, chars, UInt32(bytes.count), 0, scratch.pointer, { id, _, to, _, context in
                    context!.assumingMemoryBound(to: HitBuffer.self).pointee.append(Int32(id), Int32(to))
                    return 0
                }, ctx)
            }
        }
        guard rc == HS_SUCCESS else { return false }
        buffer.drain(into: &hits)
        // Vectorscan usually reports in end order already; sort only when it did not, so the
        // order is total and deterministic without paying n log n on every block.
        var ordered = true
        for i in hits.indices.dropFirst() where hits[i - 1].end > hits[i].end || (hits[i - 1].end == hits[i].end && hits[i - 1].keyword > hits[i].keyword) {
            ordered = false
            break
        }
        if !ordered { hits.sort { $0.end != $1.end ? $0.end < $1.end : $0.keyword < $1.keyword } }
        return true
    }
}

/// C string pointers for arrays of bytes, valid inside `body`.
private func withPointers<R>(_ strings: [[CChar]], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    var pointers: [UnsafePointer<CChar>?] = []
    var buffers: [UnsafeMutablePointer<CChar>] = []
    for s in strings {
        let b = UnsafeMutablePointer<CChar>.allocate(capacity: max(1, s.count))
        b.initialize(from: s, count: s.count)
        buffers.append(b)
        pointers.append(UnsafePointer(b))
    }
    defer { buffers.forEach { $0.deallocate() } }
    return body(pointers)
}
