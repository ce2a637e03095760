import BulwarkCore
@testable import BulwarkDependencies
import Testing

/// Bad input is normal input: mutated lockfiles and versions never crash, and a failure is a positioned error.
@Suite struct FuzzTests {
    static let seeds: [(LockfileKind, String)] = [
        (.packageLock, #"{"lockfileVersion": 3, "packages": {"node_modules/a": {"version": "1.0.0"}}}"#),
        (.yarnLock, "a@^1:\n  version \"1.0.0\"\n"),
        (.pnpmLock, "packages:\n  /a@1.0.0:\n    resolution: {integrity: x}\n"),
        (.requirements, "a==1.0\nb[x]==2.0 ; python_version > '3'\n"),
        (.poetryLock, "[[package]]\nname = \"a\"\nversion = \"1.0\"\n"),
        (.goMod, "module m\nrequire (\n\ta v1.0.0\n)\n"),
        (.gemfileLock, "GEM\n  specs:\n    a (1.0)\n"),
        (.composerLock, #"{"packages": [{"name": "a/b", "version": "1.0"}]}"#),
        (.packageResolved, #"{"pins": [{"location": "https://x/y.git", "state": {"version": "1.0.0"}}]}"#),
        (.pom, "<project><dependency><groupId>g</groupId><artifactId>a</artifactId><version>1</version></dependency></project>"),
    ]

    @Test func mutatedLockfiles() {
        var state: UInt64 = 12345
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        let noise = Array("{}[]\":,\n ()<>=@/$\u{0}\u{FF}".unicodeScalars)
        for (kind, seed) in Self.seeds {
            for _ in 0..<300 {
                var chars = Array(seed.unicodeScalars)
                for _ in 0..<Int(next() % 4 + 1) where !chars.isEmpty {
                    let at = Int(next() % UInt64(chars.count))
                    switch next() % 3 {
                    case 0: chars[at] = noise[Int(next() % UInt64(noise.count))]
                    case 1: chars.remove(at: at)
                    default: chars.insert(noise[Int(next() % UInt64(noise.count))], at: at)
                    }
                }
                var text = ""
                text.unicodeScalars.append(contentsOf: chars)
                do {
                    for p in try Lockfiles.parse(text, kind: kind, file: "f") { #expect(p.location.line >= 1) }
                } catch let e as BulwarkError {
                    #expect(e.location != nil, "\(kind): \(e)")
                } catch {
                    Issue.record("\(kind): unexpected \(error)")
                }
            }
        }
    }

    @Test func arbitraryVersionStringsCompareOrRefuse() {
        let samples = ["", "v", "1", "1..2", "-1", "1.0-", "1.0+", "!1", "1!", "1.0a", "1.0.post", "1.0.dev", "99999999999999999999",
                       "1.0-SNAPSHOT", "dev-main", "1.0.0-rc.1+build", "0.0.0-20200101000000-abc", "１.０", "1.0\u{0}", "1.x"]
        for e in Ecosystem.allCases {
            for a in samples {
                for b in samples {
                    if let c = e.compare(a, b) {
                        #expect([-1, 0, 1].contains(c))
                        if let r = e.compare(b, a) { #expect(r == -c, "\(e): \(a) vs \(b)") }
                    }
                }
            }
        }
    }
}
