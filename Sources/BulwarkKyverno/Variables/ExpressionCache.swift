import BulwarkJMESPath
import Foundation

/// Compiled JMESPath expressions keyed by source text, shared by every evaluation, so
/// each distinct expression in a policy set is parsed exactly once.
final class ExpressionCache: @unchecked Sendable {
    static let shared = ExpressionCache()
    private var cache: [String: Result<JMESPathExpression, JMESPathError>] = [:]
    private let lock = NSLock()

    func expression(_ source: String) throws -> JMESPathExpression {
        lock.lock()
        if let hit = cache[source] {
            lock.unlock()
            return try hit.get()
        }
        lock.unlock()
        let result: Result<JMESPathExpression, JMESPathError>
        do {
            result = .success(try JMESPathExpression(source, allowRoot: true))
        } catch let e as JMESPathError {
            result = .failure(e)
        } catch {
            result = .failure(JMESPathError(.syntax, "\(error)"))
        }
        lock.lock()
        cache[source] = result
        lock.unlock()
        return try result.get()
    }
}
