import BulwarkCore
import BulwarkJMESPath
import Foundation

/// The JMESPath function registry a Kyverno policy sees: the standard functions plus
/// Kyverno's own, with `sum` replaced by Kyverno's quantity/duration-aware version.
///
/// Time functions read `clock` rather than the system time so tests are deterministic.
public enum KyvernoFunctions {
    public typealias Clock = @Sendable () -> Date

    public static func registry(clock: @escaping Clock = { Date() }) -> FunctionRegistry {
        FunctionRegistry.standard
            .adding(StringFunctions.all)
            .adding(ArithmeticFunctions.all)
            .adding(EncodingFunctions.all)
            .adding(CollectionFunctions.all)
            .adding(TimeFunctions.all(clock: clock))
    }

    /// The default registry, created once (the system clock).
    public static let shared = registry()

    static func fail(_ fn: String, _ message: String) -> JMESPathError {
        JMESPathError(.invalidValue, "\(fn)(): \(message)")
    }

    /// Go's `fmt.Sprint`-like rendering used where Kyverno accepts string-or-number.
    static func text(_ v: Value) -> String {
        switch v {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return Value.formatDouble(d)
        case .bool(let b): return b ? "true" : "false"
        default: return v.jsonString()
        }
    }
}
