import BulwarkCore

/// A compiled JMESPath expression. Parsing happens once; evaluation walks this tree.
public indirect enum ASTNode: Sendable {
    case identity
    case root
    case field(String)
    /// `a.b.c`: a chain of plain field lookups, folded at compile time so evaluation is
    /// a loop instead of nested subexpressions.
    case fieldPath([String])
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

extension ASTNode {
    /// Folds chains of field lookups into `fieldPath`; everything else is unchanged.
    func optimized() -> ASTNode {
        switch self {
        case .subexpression(let l, let r):
            let lo = l.optimized(), ro = r.optimized()
            if let a = lo.fieldNames, let b = ro.fieldNames { return .fieldPath(a + b) }
            return .subexpression(lo, ro)
        case .indexExpression(let l, let r): return .indexExpression(l.optimized(), r.optimized())
        case .multiSelectList(let items): return .multiSelectList(items.map { $0.optimized() })
        case .multiSelectHash(let pairs): return .multiSelectHash(pairs.map { ($0.0, $0.1.optimized()) })
        case .projection(let l, let r): return .projection(l.optimized(), r.optimized())
        case .valueProjection(let l, let r): return .valueProjection(l.optimized(), r.optimized())
        case .filterProjection(let l, let r, let c): return .filterProjection(l.optimized(), r.optimized(), condition: c.optimized())
        case .flatten(let x): return .flatten(x.optimized())
        case .pipe(let l, let r): return .pipe(l.optimized(), r.optimized())
        case .or(let l, let r): return .or(l.optimized(), r.optimized())
        case .and(let l, let r): return .and(l.optimized(), r.optimized())
        case .not(let x): return .not(x.optimized())
        case .comparator(let op, let l, let r): return .comparator(op, l.optimized(), r.optimized())
        case .function(let name, let args): return .function(name, args.map { $0.optimized() })
        case .expref(let x): return .expref(x.optimized())
        default: return self
        }
    }

    private var fieldNames: [String]? {
        switch self {
        case .field(let n): return [n]
        case .fieldPath(let ns): return ns
        default: return nil
        }
    }
}
