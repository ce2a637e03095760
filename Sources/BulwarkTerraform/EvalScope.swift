import BulwarkCore
import BulwarkFormats

/// What names mean while evaluating expressions in one module: `var.*`, `local.*`,
/// `each.*`, `count.index`, for-expression variables, and references to other objects.
public struct EvalScope: Sendable {
    public var variables: [String: TFValue] = [:]
    public var locals: [String: TFValue] = [:]
    /// `each.key` / `each.value` inside a `for_each` instance.
    public var each: (key: TFValue, value: TFValue)? = nil
    /// `count.index` inside a `count` instance.
    public var countIndex: Int? = nil
    /// Names bound by for-expressions and dynamic blocks (`x`, `egress`, …).
    public var bindings: [String: TFValue] = [:]
    /// Resolves references the scope cannot (`aws_s3_bucket.b.id`, `module.m.out`,
    /// `data.x.y.z`): the module evaluator answers from configured attributes or says
    /// the value is unknown until apply.
    public var resolveReference: (@Sendable (_ root: String, _ steps: [String]) -> TFValue)? = nil
    /// Reads files for `file()` / `templatefile()`, confined to the repository.
    public var readFile: (@Sendable (String) throws -> String)? = nil
    /// Variables declared `sensitive = true`: attributes set from them are redacted in messages.
    public var sensitiveVariables: Set<String> = []
    /// Locals computed from sensitive values.
    public var sensitiveLocals: Set<String> = []
    /// Variables a module call set to exactly another resource's attribute
    /// (`kms = aws_kms_key.data.arn`): unknown until apply, but certainly set.
    public var referenceVariables: Set<String> = []

    public init() {}
}
