import BulwarkCore
import BulwarkFormats
import BulwarkKyverno

/// Loads policies from files and folders, reporting each problem with its position.
enum PolicySources {
    struct Loaded {
        var policies: [Policy] = []
        var issues: [PolicyIssue] = []
        var parseErrors: [BulwarkError] = []
        var hasErrors: Bool { !parseErrors.isEmpty || issues.contains { $0.severity == .error } }
    }

    static func load(_ paths: [String]) throws -> Loaded {
        var out = Loaded()
        let files = try InputFiles.expand(paths)
        for doc in InputFiles.documents(files, errors: &out.parseErrors) where PolicyLoader.isPolicy(doc.value) {
            let loaded = PolicyLoader.load(doc)
            out.issues += loaded.issues
            if let p = loaded.policy { out.policies.append(p) }
        }
        return out
    }
}
