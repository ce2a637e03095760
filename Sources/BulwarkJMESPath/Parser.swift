import BulwarkCore

/// Top-down operator-precedence parser producing `ASTNode`s, following the grammar and
/// binding powers of the JMESPath specification's reference implementation.
struct Parser {
    private var tokens: [Token]
    private var index = 0
    /// Community/Kyverno extension: `$` refers to the root document.
    private let allowRoot: Bool

    init(tokens: [Token], allowRoot: Bool) {
        self.tokens = tokens
        self.allowRoot = allowRoot
    }

    static func parse(_ expression: String, allowRoot: Bool = false) throws -> ASTNode {
        var parser = Parser(tokens: try Lexer.tokenize(expression), allowRoot: allowRoot)
        let node = try parser.expression(0)
        guard case .eof = parser.current.kind else {
            throw JMESPathError(.syntax, "unexpected \(parser.current.displayName)", offset: parser.current.offset)
        }
        return node
    }

    private var current: Token { tokens[index] }
    private func lookahead(_ n: Int) -> Token { tokens[min(index + n, tokens.count - 1)] }
    private mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    private func unexpected(_ t: Token? = nil) -> JMESPathError {
        let t = t ?? current
        return JMESPathError(.syntax, "unexpected \(t.displayName)", offset: t.offset)
    }

    private mutating func match(_ kind: Token.Kind) throws {
        guard current.kind == kind else {
            let expected = Token(kind: kind, offset: 0).displayName
            throw JMESPathError(.syntax, "expected \(expected), found \(current.displayName)", offset: current.offset)
        }
        advance()
    }

    mutating func expression(_ bindingPower: Int) throws -> ASTNode {
        let token = current
        advance()
        var left = try nud(token)
        while bindingPower < current.bindingPower {
            let t = current
            advance()
            left = try led(t, left)
        }
        return left
    }

    private mutating func nud(_ token: Token) throws -> ASTNode {
        switch token.kind {
        case .literal(let v): return .literal(v)
        case .rawString(let s): return .literal(.string(s))
        case .unquotedIdentifier(let name): return .field(name)
        case .quotedIdentifier(let name):
            if case .lparen = current.kind {
                throw JMESPathError(.syntax, "quoted identifiers cannot name functions", offset: token.offset)
            }
            return .field(name)
        case .star:
            let right: ASTNode
            if case .rbracket = current.kind { right = .identity } else { right = try projectionRHS(Token(kind: .star, offset: 0).bindingPower) }
            return .valueProjection(.identity, right)
        case .filter:
            return try ledFilter(.identity)
        case .lbrace:
            return try multiSelectHash()
        case .lparen:
            let e = try expression(0)
            try match(.rparen)
            return e
        case .flatten:
            let right = try projectionRHS(9)
            return .projection(.flatten(.identity), right)
        case .not:
            return .not(try expression(45))
        case .lbracket:
            switch current.kind {
            case .number, .colon:
                let right = try indexExpression()
                return try projectIfSlice(.identity, right)
            case .star where isRBracket(lookahead(1)):
                advance(); advance()
                return .projection(.identity, try projectionRHS(20))
            default:
                return try multiSelectList()
            }
        case .current: return .identity
        case .root:
            guard allowRoot else { throw unexpected(token) }
            return .root
        case .expref:
            return .expref(try expression(0))
        default:
            throw unexpected(token)
        }
    }

    private func isRBracket(_ t: Token) -> Bool { if case .rbracket = t.kind { return true } else { return false } }

    private mutating func led(_ token: Token, _ left: ASTNode) throws -> ASTNode {
        switch token.kind {
        case .dot:
            if case .star = current.kind {
                advance()
                return .valueProjection(left, try projectionRHS(40))
            }
            let right = try dotRHS(40)
            return .subexpression(left, right)
        case .pipe: return .pipe(left, try expression(1))
        case .or: return .or(left, try expression(2))
        case .and: return .and(left, try expression(3))
        case .eq: return .comparator(.eq, left, try expression(5))
        case .ne: return .comparator(.ne, left, try expression(5))
        case .lt: return .comparator(.lt, left, try expression(5))
        case .lte: return .comparator(.lte, left, try expression(5))
        case .gt: return .comparator(.gt, left, try expression(5))
        case .gte: return .comparator(.gte, left, try expression(5))
        case .lparen:
            guard case .field(let name) = left else {
                throw JMESPathError(.syntax, "invalid function name", offset: token.offset)
            }
            var args: [ASTNode] = []
            while true {
                if case .rparen = current.kind { break }
                args.append(try expression(0))
                if case .comma = current.kind {
                    advance()
                    if case .rparen = current.kind { throw unexpected() }
                } else if case .rparen = current.kind {
                    break
                } else {
                    throw unexpected()
                }
            }
            try match(.rparen)
            return .function(name, args)
        case .filter:
            return try ledFilter(left)
        case .flatten:
            return .projection(.flatten(left), try projectionRHS(9))
        case .lbracket:
            switch current.kind {
            case .number, .colon:
                let right = try indexExpression()
                return try projectIfSlice(left, right)
            default:
                try match(.star)
                try match(.rbracket)
                return .projection(left, try projectionRHS(20))
            }
        default:
            throw unexpected(token)
        }
    }

    private mutating func ledFilter(_ left: ASTNode) throws -> ASTNode {
        let condition = try expression(0)
        try match(.rbracket)
        let right: ASTNode
        if case .flatten = current.kind { right = .identity } else { right = try projectionRHS(21) }
        return .filterProjection(left, right, condition: condition)
    }

    private mutating func projectIfSlice(_ left: ASTNode, _ right: ASTNode) throws -> ASTNode {
        let indexed = ASTNode.indexExpression(left, right)
        if case .slice = right { return .projection(indexed, try projectionRHS(20)) }
        return indexed
    }

    private mutating func indexExpression() throws -> ASTNode {
        if case .colon = current.kind { return try sliceExpression() }
        if case .colon = lookahead(1).kind { return try sliceExpression() }
        guard case .number(let n) = current.kind else { throw unexpected() }
        advance()
        try match(.rbracket)
        return .index(n)
    }

    private mutating func sliceExpression() throws -> ASTNode {
        var parts: [Int?] = [nil, nil, nil]
        var i = 0
        while !isRBracket(current) && i < 3 {
            switch current.kind {
            case .colon:
                i += 1
                if i == 3 { throw unexpected() }
                advance()
            case .number(let n):
                parts[i] = n
                advance()
            default:
                throw unexpected()
            }
        }
        try match(.rbracket)
        return .slice(start: parts[0], stop: parts[1], step: parts[2])
    }

    private mutating func projectionRHS(_ bindingPower: Int) throws -> ASTNode {
        if current.bindingPower < 10 { return .identity }
        switch current.kind {
        case .lbracket, .filter:
            return try expression(bindingPower)
        case .dot:
            advance()
            return try dotRHS(bindingPower)
        default:
            throw unexpected()
        }
    }

    private mutating func dotRHS(_ bindingPower: Int) throws -> ASTNode {
        switch current.kind {
        case .unquotedIdentifier, .quotedIdentifier, .star:
            return try expression(bindingPower)
        case .lbracket:
            advance()
            return try multiSelectList()
        case .lbrace:
            advance()
            return try multiSelectHash()
        default:
            throw JMESPathError(.syntax, "expected identifier, '[', '{' or '*' after '.', found \(current.displayName)", offset: current.offset)
        }
    }

    private mutating func multiSelectList() throws -> ASTNode {
        var items: [ASTNode] = []
        while true {
            items.append(try expression(0))
            if isRBracket(current) { break }
            try match(.comma)
        }
        try match(.rbracket)
        return .multiSelectList(items)
    }

    private mutating func multiSelectHash() throws -> ASTNode {
        var pairs: [(String, ASTNode)] = []
        while true {
            let key: String
            switch current.kind {
            case .unquotedIdentifier(let k), .quotedIdentifier(let k): key = k
            default: throw JMESPathError(.syntax, "expected a key name in multi-select hash, found \(current.displayName)", offset: current.offset)
            }
            advance()
            try match(.colon)
            pairs.append((key, try expression(0)))
            if case .comma = current.kind {
                advance()
            } else if case .rbrace = current.kind {
                advance()
                break
            } else {
                throw unexpected()
            }
        }
        return .multiSelectHash(pairs)
    }
}
