/// Shannon entropy in bits per byte: how random a candidate looks. gitleaks' `entropy`
/// field compares against the same measure, so thresholds carry over unchanged.
public enum Entropy {
    public static func shannon<S: Sequence>(_ bytes: S) -> Double where S.Element == UInt8 {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { counts in
            counts.initialize(repeating: 0)
            var total = 0
            for b in bytes { counts[Int(b)] += 1; total += 1 }
            guard total > 0 else { return 0 }
            var h = 0.0
            let n = Double(total)
            for c in counts where c > 0 {
                let p = Double(c) / n
                h -= p * log2(p)
            }
            return h
        }
    }

    public static func shannon(_ s: String) -> Double { shannon(s.utf8) }
}

import Foundation
