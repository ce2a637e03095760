import BulwarkCore

/// A compiled JMESPath expression. Parsing happens once; evaluation walks this tree.
public indirect enum ASTNode: Sendable {
    case identity
    case root
    case field(String)
    case subexpression(ASTNode, ASTNode)
    case index(Int)
    case indexExpression(ASTNode, ASTNode)
    case slice(start: Int?, stop: Int?, step: Int?)
    case literal(Value)
    case multiSelectList([ASTNode])
    case multiSelectHash([(String, ASTNode)])
    case projection(ASTNode, ASTNode)
    case valueProjection(ASTNode, ASTNode)
    case filterProjection(ASTNode, ASTNode, condition: ASTNode)
    case flatten(ASTNode)
    case pipe(ASTNode, ASTNode)
    case or(ASTNode, ASTNode)
    case and(ASTNode, ASTNode)
    case not(ASTNode)
    case comparator(Comparator, ASTNode, ASTNode)
    case function(String, [ASTNode])
    case expref(ASTNode)

    public enum Comparator: String, Sendable {
        case eq = "==", ne = "!=", lt = "<", lte = "<=", gt = ">", gte = ">="
    }
}
