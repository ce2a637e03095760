import BulwarkCore

/// A tag of a third-party action can be moved to malicious code (tj-actions, 2025);
/// only a full commit SHA is immutable.
enum PinnedActions: WorkflowRule {
    static let metadata = RuleMetadata(
        id: "GHA-001", title: "Third-party actions are pinned to a full commit SHA", severity: .high, pack: "github-actions",
        rationale: "Tags and branches of an action can be re-pointed by its owner or an attacker; the workflow then runs their code with your secrets.",
        remediation: "Use `uses: owner/action@<40-character commit SHA> # vX.Y.Z` and let Dependabot or Renovate bump it.",
        controls: controls("soc2:CC8.1", "pci:6.3.2", "nist:SR-3", "sox:CM-1"), aliases: [])

    static let examples = RuleExamples(
        triggering: ["on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - ↓uses: tj-actions/changed-files@v45\n",
                     "on: push\njobs:\n  call:\n    ↓uses: acme/workflows/.github/workflows/ci.yml@main\n"],
        passing: ["on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: tj-actions/changed-files@2f7c5bfce28377bc069a65ba478de0a74aa0ca32\n      - uses: ./.github/actions/local\n"])

    static let firstParty = ["actions/", "github/"]

    static func check(_ workflow: Document) -> [RuleHit] {
        let m = WorkflowModel(document: workflow)
        var hits: [RuleHit] = []
        var uses: [(String, [PathComponent])] = m.steps.compactMap { s in s.value["uses"]?.stringValue.map { ($0, s.path + [.key("uses")]) } }
        uses += m.jobs.compactMap { j in j.value["uses"]?.stringValue.map { ($0, j.path + [.key("uses")]) } }
        for (ref, path) in uses {
            if ref.hasPrefix("./") || firstParty.contains(where: ref.hasPrefix) { continue }
            if ref.hasPrefix("docker://") {
                if !ref.contains("@sha256:") { hits.append(m.hit(path, "\(ref) is not pinned by digest.")) }
                continue
            }
            let version = ref.split(separator: "@", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
            let isSHA = version.count == 40 && version.allSatisfy(\.isHexDigit)
            if !isSHA { hits.append(m.hit(path, "\(ref) is not pinned to a commit SHA.")) }
        }
        return hits
    }
}
