/// One thing a rule looked at: a resource, a Dockerfile, a workflow, a lockfile. A subject
/// with no finding for its rule is a "pass" that evidence can name — per resource, not
/// "the rule ran somewhere" — and a rule with no subjects had nothing to check.
public struct CheckedSubject: Sendable, Hashable {
    public var rule: String
    public var file: String
    public var line: Int
    /// The resource inside the file (`Deployment/shop/api`, `aws_s3_bucket/logs`); nil when
    /// the whole file is the subject.
    public var resource: String?
    public var level: String?

    public init(rule: String, file: String, line: Int, resource: String? = nil, level: String? = nil) {
        self.rule = rule
        self.file = file
        self.line = line
        self.resource = resource
        self.level = level
    }

    /// `file:line Kind/ns/name`, the way evidence items name a subject.
    public var description: String { "\(file):\(line)" + (resource.map { " \($0)" } ?? "") }
}
