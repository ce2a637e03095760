import BulwarkCore

/// HCL2 native syntax tree. Every node keeps where it starts, so findings can point at
/// the exact attribute or operand.
public struct HCLPosition: Sendable, Equatable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

public struct HCLBody: Sendable {
    public var attributes: [HCLAttribute] = []
    public var blocks: [HCLBlock] = []
    /// Attributes and blocks in source order (true = attribute at that attribute index).
    public var order: [(isAttribute: Bool, index: Int)] = []

    public func attribute(_ name: String) -> HCLAttribute? { attributes.first { $0.name == name } }
    public func blocks(_ type: String) -> [HCLBlock] { blocks.filter { $0.type == type } }
}

public struct HCLAttribute: Sendable {
    public var name: String
    public var expression: HCLExpression
    public var position: HCLPosition
}

public struct HCLBlock: Sendable {
    public var type: String
    public var labels: [String]
    public var body: HCLBody
    public var position: HCLPosition
}

/// A template part: literal text, `${ expr }`, or a `%{ if }` / `%{ for }` directive.
public indirect enum HCLTemplatePart: Sendable {
    case literal(String)
    case interpolation(HCLExpression, stripLeft: Bool, stripRight: Bool)
    case ifDirective(condition: HCLExpression, then: [HCLTemplatePart], else: [HCLTemplatePart])
    case forDirective(keyVar: String?, valueVar: String, collection: HCLExpression, body: [HCLTemplatePart])
}

public indirect enum HCLExpression: Sendable {
    public enum BinaryOperator: String, Sendable {
        case or = "||", and = "&&", eq = "==", ne = "!=", lt = "<", gt = ">", le = "<=", ge = ">="
        case add = "+", sub = "-", mul = "*", div = "/", mod = "%"
    }
    public enum UnaryOperator: String, Sendable { case not = "!", negate = "-" }

    /// One step after the root of a traversal.
    public enum Step: Sendable {
        case attribute(String)
        case index(HCLExpression)
        /// `.*` (attribute-only) or `[*]` (full) splat: the steps after apply to each element.
        case splat(full: Bool)
    }

    case literal(Value, HCLPosition)
    case template([HCLTemplatePart], HCLPosition)
    case variable(String, HCLPosition)
    case traversal(HCLExpression, [Step], HCLPosition)
    case call(name: String, arguments: [HCLExpression], expandFinal: Bool, HCLPosition)
    case tuple([HCLExpression], HCLPosition)
    case object([(key: HCLExpression, value: HCLExpression)], HCLPosition)
    case forTuple(keyVar: String?, valueVar: String, collection: HCLExpression, value: HCLExpression, condition: HCLExpression?, HCLPosition)
    case forObject(keyVar: String?, valueVar: String, collection: HCLExpression, key: HCLExpression, value: HCLExpression,
                   grouping: Bool, condition: HCLExpression?, HCLPosition)
    case conditional(HCLExpression, HCLExpression, HCLExpression, HCLPosition)
    case binary(BinaryOperator, HCLExpression, HCLExpression, HCLPosition)
    case unary(UnaryOperator, HCLExpression, HCLPosition)
    case parenthesized(HCLExpression, HCLPosition)

    public var position: HCLPosition {
        switch self {
        case .literal(_, let p), .template(_, let p), .variable(_, let p), .traversal(_, _, let p), .call(_, _, _, let p),
             .tuple(_, let p), .object(_, let p), .forTuple(_, _, _, _, _, let p), .forObject(_, _, _, _, _, _, _, let p),
             .conditional(_, _, _, let p), .binary(_, _, _, let p), .unary(_, _, let p), .parenthesized(_, let p):
            return p
        }
    }
}
