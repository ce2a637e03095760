import CPCRE2

/// A compiled PCRE2 pattern, JIT-compiled when the platform allows.
///
/// Secret rules are written in the RE2 dialect gitleaks uses; the subset real configs use
/// (classes, bounded repeats, `(?i)`, non-capturing groups, `\b`, `\x60`) means the same in
/// PCRE2. Patterns run on bytes (no UTF mode) so invalid UTF-8 is ordinary input.
/// The compiled code is immutable and shared across threads; each thread matches with its own `PCREMatcher`.
public final class PCRERegex: @unchecked Sendable {
    public let pattern: String
    let code: OpaquePointer
    public let captureCount: Int
    public let isJIT: Bool

    public struct CompileError: Error, CustomStringConvertible, Sendable {
        public let message: String
        /// Byte offset in the pattern where PCRE2 stopped.
        public let offset: Int
        public var description: String { "\(message) at offset \(offset)" }
    }

    /// `anchored`: matches must start at the start offset. JIT code only honours options
    /// given at compile time, so anchored matching needs its own compiled copy.
    public init(_ pattern: String, caseInsensitive: Bool = false, anchored: Bool = false) throws {
        self.pattern = pattern
        var errorCode: Int32 = 0
        var errorOffset = 0
        var options: UInt32 = 0
        if caseInsensitive { options |= UInt32(PCRE2_CASELESS) }
        if anchored { options |= UInt32(PCRE2_ANCHORED) }
        let compiled: OpaquePointer? = Array(pattern.utf8).withUnsafeBufferPointer { buf in
            pcre2_compile_8(buf.baseAddress, buf.count, options, &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            throw CompileError(message: PCRERegex.message(for: errorCode), offset: errorOffset)
        }
        code = compiled
        isJIT = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0
        var count: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        captureCount = Int(count)
    }

    deinit { pcre2_code_free_8(code) }

    static func message(for code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = pcre2_get_error_message_8(code, &buffer, buffer.count)
        return n > 0 ? String(decoding: buffer[0..<Int(n)], as: UTF8.self) : "PCRE2 error \(code)"
    }
}

/// One match: the whole match and each capture group as byte ranges (nil when a group did not take part).
public struct PCREMatch: Sendable {
    public var range: Range<Int>
    public var groups: [Range<Int>?]
}

/// Per-thread matching state: match data, a JIT stack and a backtracking limit, so a
/// hostile pattern or subject ends in an error instead of a hang.
public final class PCREMatcher {
    /// The thread's Vectorscan scratch for the keyword pass (kept here: one per-thread object).
    public let literalScratch = LiteralScanner.Scratch()
    private let matchData: OpaquePointer
    private let context: OpaquePointer
    private let jitStack: OpaquePointer?

    public init(maxCaptures: Int = 32) {
        matchData = pcre2_match_data_create_8(UInt32(max(1, maxCaptures + 1)), nil)
        context = pcre2_match_context_create_8(nil)
        pcre2_set_match_limit_8(context, 5_000_000)
        jitStack = pcre2_jit_stack_create_8(32 * 1024, 1024 * 1024, nil)
        if let jitStack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack)) }
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(context)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }

    /// Every non-overlapping match of `regex` in `subject[range]`; offsets are into `subject`.
    /// `range` limits where matches may be; `\b` and lookbehinds still see the bytes around it.
    public func matches(_ regex: PCRERegex, in subject: UnsafeBufferPointer<UInt8>, range: Range<Int>, limit: Int = 10_000) -> [PCREMatch] {
        var out: [PCREMatch] = []
        guard let base = subject.baseAddress, !range.isEmpty || range.lowerBound == 0 else { return out }
        var start = range.lowerBound
        let end = range.upperBound
        while start <= end, out.count < limit {
            let rc = pcre2_match_8(regex.code, base, end, start, 0, matchData, context)
            if rc < 0 { break }  // no match, or a limit hit: either way no more candidates here
            let m = current(regex)
            out.append(m)
            start = m.range.upperBound > m.range.lowerBound ? m.range.upperBound : m.range.upperBound + 1
        }
        return out
    }

    /// A match that starts exactly at `start`, looking no further than `end`; `regex` must be compiled `anchored`.
    /// When `end` cuts the subject short, `$` is told it is not at the end of the text.
    public func matchAnchored(_ regex: PCRERegex, in subject: UnsafeBufferPointer<UInt8>, at start: Int, end: Int) -> PCREMatch? {
        guard let base = subject.baseAddress else { return nil }
        let options: UInt32 = end < subject.count ? UInt32(PCRE2_NOTEOL) : 0
        // The JIT entry point skips pcre2_match's option checks: this runs once per keyword hit.
        let rc = regex.isJIT ? pcre2_jit_match_8(regex.code, base, end, start, options, matchData, context)
                             : pcre2_match_8(regex.code, base, end, start, options, matchData, context)
        guard rc >= 0 else { return nil }
        return current(regex)
    }

    private func current(_ regex: PCRERegex) -> PCREMatch {
        let ovector = pcre2_get_ovector_pointer_8(matchData)!
        let pairs = Int(pcre2_get_ovector_count_8(matchData))
        var groups: [Range<Int>?] = []
        let groupCount = regex.captureCount
        if groupCount > 0 {
            groups.reserveCapacity(groupCount)
            for g in 1...groupCount {
                if g < pairs, ovector[2 * g] != PCRE2Unset, ovector[2 * g] <= ovector[2 * g + 1] {
                    groups.append(ovector[2 * g]..<ovector[2 * g + 1])
                } else {
                    groups.append(nil)
                }
            }
        }
        return PCREMatch(range: ovector[0]..<ovector[1], groups: groups)
    }

    /// True when `regex` matches anywhere in `bytes`.
    public func isMatch(_ regex: PCRERegex, bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var empty: UInt8 = 0
        let base = bytes.baseAddress ?? withUnsafePointer(to: &empty) { $0 }
        return regex.isJIT ? pcre2_jit_match_8(regex.code, base, bytes.count, 0, 0, matchData, context) >= 0
                           : pcre2_match_8(regex.code, base, bytes.count, 0, 0, matchData, context) >= 0
    }

    /// True when `regex` matches anywhere in `text`.
    public func isMatch(_ regex: PCRERegex, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { buf in
            guard let base = buf.baseAddress else {
                return pcre2_match_8(regex.code, "", 0, 0, 0, matchData, context) >= 0
            }
            return pcre2_match_8(regex.code, base, buf.count, 0, 0, matchData, context) >= 0
        }
    }
}

/// PCRE2_UNSET is `~(PCRE2_SIZE)0`; PCRE2_SIZE imports as `Int`, so it reads as -1.
let PCRE2Unset = -1
