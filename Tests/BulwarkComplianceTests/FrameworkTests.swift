import BulwarkCompliance
import BulwarkCore
import BulwarkScan
import Foundation
import Testing

@Suite struct FrameworkTests {
    static let frameworks = (try? Framework.bundled()) ?? []
    static var rules: [RuleMetadata] { RuleDocs.all + RuleDocs.secretMetadata }

    @Test func bundledFrameworksLoad() throws {
        let soc2 = try #require(Self.frameworks.first { $0.id == "soc2" })
        #expect(soc2.controls.count == 36)
        #expect(soc2.controls.filter { $0.automation == .manual }.count >= 15, "people-and-process criteria stay manual")
    }

    @Test func everyRuleEvidencesABundledControl() {
        let defined = Set(Self.frameworks.flatMap { f in f.controls.map { "\(f.id):\($0.id)" } })
        for r in Self.rules {
            #expect(r.controls.contains { defined.contains($0.description) }, "\(r.id) maps to no control of a bundled framework")
        }
    }

    @Test func rulesReferenceOnlyDefinedControls() {
        for f in Self.frameworks {
            let missing = f.undefinedReferences(in: Self.rules)
            #expect(missing.isEmpty, "\(f.id): \(missing.prefix(5))")
        }
    }

    @Test func automatedControlsHaveEvidence() {
        for f in Self.frameworks {
            let evidence = f.evidence(from: Self.rules)
            for c in f.controls where c.automation == .automated {
                #expect(!(evidence[c.id] ?? []).isEmpty, "\(f.id) \(c.id) is marked automated but no rule evidences it")
            }
        }
    }

    @Test(arguments: [
        ("id: x\nname: X\nversion: '1'\ncontrols: []\n", 4, "non-empty"),
        ("id: x\nname: X\nversion: '1'\ncontrols:\n  - {id: A, title: t, description: d, automation: sometimes}\n", 5, "automation must be"),
        ("id: x\nname: X\nversion: '1'\nextra: 1\ncontrols:\n  - {id: A, title: t, description: d, automation: manual}\n", 4, "unknown key"),
        ("id: x\nname: X\nversion: '1'\ncontrols:\n  - {id: A, title: t, description: d, automation: manual}\n  - {id: A, title: t, description: d, automation: manual}\n", 6, "defined twice"),
    ] as [(String, Int, String)])
    func badFrameworkFilesArePositioned(text: String, line: Int, fragment: String) throws {
        let path = NSTemporaryDirectory() + "fw-\(UUID().uuidString).yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try Framework.load(path: path)
            Issue.record("accepted")
        } catch let e as BulwarkError {
            #expect(e.message.contains(fragment), "\(e)")
            #expect(e.location?.line ?? 0 >= line - 1, "\(e)")
        }
    }
}
