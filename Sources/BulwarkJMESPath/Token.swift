import BulwarkCore

/// Lexical tokens of JMESPath. `offset` is the character position for error messages.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        case unquotedIdentifier(String)
        case quotedIdentifier(String)
        case rawString(String)
        case literal(Value)
        case number(Int)
        case dot, star, flatten, filter, lbracket, rbracket, lbrace, rbrace
        case lparen, rparen, comma, colon, pipe, or, and, not
        case eq, ne, lt, lte, gt, gte
        case current, expref, root
        case eof
    }

    var kind: Kind
    var offset: Int

    /// Pratt binding powers, as in the reference implementation.
    var bindingPower: Int {
        switch kind {
        case .pipe: return 1
        case .or: return 2
        case .and: return 3
        case .eq, .ne, .lt, .lte, .gt, .gte: return 5
        case .flatten: return 9
        case .star: return 20
        case .filter: return 21
        case .dot: return 40
        case .not: return 45
        case .lbrace: return 50
        case .lbracket: return 55
        case .lparen: return 60
        default: return 0
        }
    }

    var displayName: String {
        switch kind {
        case .unquotedIdentifier(let s): return "identifier '\(s)'"
        case .quotedIdentifier(let s): return "quoted identifier \"\(s)\""
        case .rawString(let s): return "raw string '\(s)'"
        case .literal: return "literal"
        case .number(let n): return "number \(n)"
        case .dot: return "'.'"
        case .star: return "'*'"
        case .flatten: return "'[]'"
        case .filter: return "'[?'"
        case .lbracket: return "'['"
        case .rbracket: return "']'"
        case .lbrace: return "'{'"
        case .rbrace: return "'}'"
        case .lparen: return "'('"
        case .rparen: return "')'"
        case .comma: return "','"
        case .colon: return "':'"
        case .pipe: return "'|'"
        case .or: return "'||'"
        case .and: return "'&&'"
        case .not: return "'!'"
        case .eq: return "'=='"
        case .ne: return "'!='"
        case .lt: return "'<'"
        case .lte: return "'<='"
        case .gt: return "'>'"
        case .gte: return "'>='"
        case .current: return "'@'"
        case .expref: return "'&'"
        case .root: return "'$'"
        case .eof: return "end of expression"
        }
    }
}
