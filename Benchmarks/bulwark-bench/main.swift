import BulwarkCore
import BulwarkFormats
import BulwarkJMESPath
import BulwarkKyverno
import Dispatch
import Foundation

// Benchmarks, not tests: build with `swift build -c release` and run
// `.build/release/bulwark-bench pss|jmespath [SHARED_CONFORMANCE_DIR]` or `secrets DIR [CONFIG.toml]`.
// Figures go to BENCHMARKS.md with the machine and the command.

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
func ms(_ ns: UInt64) -> String { String(format: "%.1f ms", Double(ns) / 1e6) }

let args = CommandLine.arguments
let mode = args.count > 1 ? args[1] : "pss"
let shared = args.count > 2 ? args[2] : "../shared/conformance"

// MARK: Pod Security Standards: 18 policies × 10,000 generated workloads

/// Pod specs from fully restricted to badly configured; each generated workload picks one.
func podSpec(_ i: Int) -> String {
    let image = ["nginx:1.25.3", "ghcr.io/acme/api@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0", "busybox:1.36"][i % 3]
    switch i % 6 {
    case 0, 1: // compliant with restricted
        return """
              securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
              containers:
              - name: app
                image: \(image)
                securityContext:
                  allowPrivilegeEscalation: false
                  runAsNonRoot: true
                  capabilities: {drop: [ALL]}
                ports: [{containerPort: 8080}]
        """
    case 2: // privileged, host namespaces
        return """
              hostNetwork: true
              hostPID: true
              containers:
              - name: app
                image: \(image)
                securityContext: {privileged: true, capabilities: {add: [NET_ADMIN, SYS_ADMIN]}}
                ports: [{containerPort: 80, hostPort: 80}]
        """
    case 3: // host path and volume types
        return """
              volumes:
              - name: docker
                hostPath: {path: /var/run/docker.sock}
              - name: cfg
                configMap: {name: cfg}
              containers:
              - name: app
                image: \(image)
                volumeMounts: [{name: docker, mountPath: /var/run/docker.sock}]
        """
    case 4: // sysctls, seccomp, selinux, proc mount
        return """
              securityContext:
                sysctls: [{name: kernel.shm_rmid_forced, value: "1"}, {name: net.core.somaxconn, value: "1024"}]
                seccompProfile: {type: Unconfined}
                seLinuxOptions: {type: spc_t}
              initContainers:
              - name: init
                image: \(image)
                securityContext: {procMount: Unmasked, runAsUser: 0}
              containers:
              - name: app
                image: \(image)
                securityContext: {allowPrivilegeEscalation: true}
        """
    default: // mostly fine, one sidecar missing hardening
        return """
              securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
              containers:
              - name: app
                image: \(image)
                securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
              - name: sidecar
                image: \(image)
        """
    }
}

func workload(_ i: Int) -> String {
    let spec = podSpec(i)
    switch i % 3 {
    case 0:
        return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-\(i)\n  namespace: team-\(i % 20)\nspec:\n" + spec.replacingOccurrences(of: "\n      ", with: "\n  ").dropFirst(4)
    case 1:
        return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: deploy-\(i), namespace: team-\(i % 20)}
        spec:
          replicas: 2
          selector: {matchLabels: {app: a\(i)}}
          template:
            metadata: {labels: {app: a\(i)}}
            spec:
        \(spec.replacingOccurrences(of: "      ", with: "      ", options: [], range: nil))
        """
    default:
        return """
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: cron-\(i), namespace: team-\(i % 20)}
        spec:
          schedule: "*/5 * * * *"
          jobTemplate:
            spec:
              template:
                spec:
        \(spec.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n"))
                  restartPolicy: OnFailure
        """
    }
}

/// Per-status counts merged from the worker threads.
final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var total = [0, 0, 0, 0, 0]
    func add(_ t: [Int]) {
        lock.lock()
        total = zip(total, t).map(+)
        lock.unlock()
    }
}

func policyFiles(_ root: String) -> [String] {
    guard let e = FileManager.default.enumerator(atPath: root) else { return [] }
    return e.compactMap { $0 as? String }
        .filter { $0.hasSuffix(".yaml") && !$0.contains(".kyverno-test") && !$0.contains(".chainsaw-test") && !$0.contains("artifacthub") }
        .sorted().map { root + "/" + $0 }
}

func runPSS() throws {
    let count = Int(ProcessInfo.processInfo.environment["BENCH_RESOURCES"] ?? "") ?? 10_000
    let corpus = (0..<count).map(workload).joined(separator: "\n---\n")
    let t0 = now()
    var policies: [Policy] = []
    for f in policyFiles(shared + "/kyverno/pod-security") {
        for doc in try DocumentLoader.load(path: f) where PolicyLoader.isPolicy(doc.value) {
            if let p = PolicyLoader.load(doc).policy { policies.append(p) }
        }
    }
    let t1 = now()
    let docs = DocumentLoader.resources(in: try YAMLLoader.load(corpus, file: "generated.yaml"))
    let t2 = now()
    let engine = Engine(policies: policies)
    let workers = ProcessInfo.processInfo.activeProcessorCount
    let chunk = (docs.count + workers - 1) / workers
    let counts = Tally()
    DispatchQueue.concurrentPerform(iterations: workers) { w in
        var tally = [0, 0, 0, 0, 0]
        let lo = w * chunk, hi = min(docs.count, lo + chunk)
        if lo < hi {
            for d in docs[lo..<hi] {
                for r in engine.evaluate(d.value) {
                    switch r.status {
                    case .pass: tally[0] += 1
                    case .fail: tally[1] += 1
                    case .skip: tally[2] += 1
                    case .error: tally[3] += 1
                    case .warn: tally[4] += 1
                    }
                }
            }
        }
        counts.add(tally)
    }
    let t3 = now()
    // Single-threaded passes for the per-resource figure; the best of five, because
    // a shared 2-core machine adds noise that only ever makes a run slower.
    var single = 0
    var best = UInt64.max
    for _ in 0..<5 {
        let start = now()
        single = 0
        for d in docs { single += engine.evaluate(d.value).count }
        best = min(best, now() - start)
    }
    let tally = counts.total
    print("policies: \(policies.count) (\(policies.reduce(0) { $0 + $1.rules.count }) rules after autogen), resources: \(docs.count)")
    print("rule results: \(tally[0]) pass, \(tally[1]) fail, \(tally[2]) skip, \(tally[3]) error (single-thread check: \(single))")
    print("load policies:      \(ms(t1 - t0))")
    print("parse resources:    \(ms(t2 - t1))  (\(String(format: "%.1f", Double(corpus.utf8.count) / 1e6)) MB YAML)")
    print("evaluate (\(workers) cores): \(ms(t3 - t2))")
    print("load + evaluate:    \(ms(t3 - t0))")
    print(String(format: "per resource, all %d policies, one core (best of 5): %.1f µs", policies.count, Double(best) / Double(docs.count) / 1e3))
}

// MARK: JMESPath benchmark cases from the compliance suite

func runJMESPath() throws {
    let suite = try JSONParser.parseValue(try DocumentLoader.readText(shared + "/jmespath/benchmarks.json"))
    print("case\tkind\tns/op")
    for group in suite.arrayValue ?? [] {
        let given = group["given"] ?? .null
        for c in group["cases"]?.arrayValue ?? [] {
            guard let expr = c["expression"]?.stringValue, let kind = c["bench"]?.stringValue else { continue }
            let iterations = 20_000
            // "full" cases evaluate an expression compiled once (as a policy engine does);
            // "parse" cases measure compiling.
            let compiled = try JMESPathExpression(expr)
            let start = now()
            for _ in 0..<iterations {
                if kind == "parse" {
                    _ = try? JMESPathExpression(expr)
                } else {
                    _ = try? compiled.search(given)
                }
            }
            let per = Double(now() - start) / Double(iterations)
            print("\(expr.prefix(40))\t\(kind)\t\(String(format: "%.0f", per))")
        }
    }
}

switch mode {
case "pss": try runPSS()
case "jmespath": try runJMESPath()
case "secrets": try runSecrets(shared, config: args.count > 3 ? args[3] : nil)
case "secrets-keywords": try runSecretKeywordHistogram(shared)
default: print("usage: bulwark-bench pss|jmespath [shared-conformance-dir]")
}
