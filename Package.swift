// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Bulwark",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "bulwark", targets: ["bulwark"]),
        .library(name: "BulwarkKyverno", targets: ["BulwarkKyverno"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // Object's copy-on-write storage is a class; its reads are on every hot path, and
        // dynamic exclusivity checks on them cost ~5% of policy evaluation. Mutation only
        // happens through Object's uniquely-referenced paths, so the check is not needed.
        .target(name: "BulwarkCore", swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),
        .target(name: "BulwarkFormats", dependencies: ["BulwarkCore", .product(name: "Yams", package: "Yams")]),
        .target(name: "BulwarkJMESPath", dependencies: ["BulwarkCore"]),
        .target(name: "BulwarkKyverno", dependencies: ["BulwarkCore", "BulwarkFormats", "BulwarkJMESPath"]),
        .target(name: "BulwarkTerraform", dependencies: ["BulwarkCore", "BulwarkFormats"]),
        .target(name: "BulwarkRules", dependencies: ["BulwarkCore", "BulwarkFormats", "BulwarkKyverno", "BulwarkTerraform"],
                resources: [.copy("Kubernetes/Policies"), .copy("Kubernetes/Examples")]),
        .target(name: "BulwarkScan", dependencies: ["BulwarkCore", "BulwarkCompliance", "BulwarkFormats", "BulwarkKyverno", "BulwarkRules", "BulwarkTerraform", "BulwarkSecrets", "BulwarkDependencies"]),
        .target(name: "BulwarkReport", dependencies: ["BulwarkCore"]),
        .target(name: "BulwarkCompliance", dependencies: ["BulwarkCore", "BulwarkFormats", .product(name: "Crypto", package: "swift-crypto")], resources: [.copy("Frameworks"), .copy("Levels")]),
        .target(name: "BulwarkDependencies", dependencies: ["BulwarkCore", "BulwarkFormats", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // PCRE2 (Debian libpcre2-dev, installed by scripts/setup.sh) confirms secret candidates.
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),
        // Vectorscan (libvectorscan-dev, also installed by scripts/setup.sh) finds secret keywords.
        .systemLibrary(name: "CVectorscan", pkgConfig: "libhs", providers: [.apt(["libvectorscan-dev"])]),
        // The secret engine's per-keyword-hit loop mutates local arrays captured by nested
        // functions; dynamic exclusivity checks on them were ~8% of scan time. The arrays
        // never escape the scan call, so the checks cannot fire.
        .target(name: "BulwarkSecrets", dependencies: ["BulwarkCore", "CPCRE2", "CVectorscan", .product(name: "Crypto", package: "swift-crypto")],
                resources: [.copy("Rules/default-rules.toml")], swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),
        .executableTarget(name: "bulwark", dependencies: [
            "BulwarkCore", "BulwarkFormats", "BulwarkJMESPath", "BulwarkKyverno", "BulwarkRules", "BulwarkScan", "BulwarkReport", "BulwarkSecrets", "BulwarkDependencies", "BulwarkCompliance",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "bulwark-bench", dependencies: ["BulwarkCore", "BulwarkFormats", "BulwarkJMESPath", "BulwarkKyverno", "BulwarkSecrets"], path: "Benchmarks/bulwark-bench"),
        .target(name: "BulwarkTestSupport", path: "Tests/BulwarkTestSupport"),
        .testTarget(name: "BulwarkCoreTests", dependencies: ["BulwarkCore", "BulwarkFormats"]),
        .testTarget(name: "BulwarkFormatsTests", dependencies: ["BulwarkCore", "BulwarkFormats", "BulwarkTestSupport"]),
        .testTarget(name: "BulwarkTerraformTests", dependencies: ["BulwarkTerraform", "BulwarkFormats", "BulwarkCore", "BulwarkRules"]),
        .testTarget(name: "BulwarkJMESPathTests", dependencies: ["BulwarkJMESPath", "BulwarkFormats", "BulwarkTestSupport"]),
        .testTarget(name: "BulwarkRulesTests", dependencies: ["BulwarkRules", "BulwarkKyverno", "BulwarkFormats", "BulwarkTerraform"]),
        .testTarget(name: "BulwarkScanTests", dependencies: ["BulwarkScan", "BulwarkCompliance", "BulwarkReport", "BulwarkRules", "BulwarkFormats", "BulwarkTestSupport"]),
        .testTarget(name: "BulwarkComplianceTests", dependencies: ["BulwarkCompliance", "BulwarkScan", "BulwarkCore", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "BulwarkDependenciesTests", dependencies: ["BulwarkDependencies", "BulwarkCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "BulwarkSecretsTests", dependencies: ["BulwarkSecrets", "BulwarkCore"]),
        .testTarget(name: "BulwarkKyvernoTests", dependencies: ["BulwarkKyverno", "BulwarkFormats", "BulwarkJMESPath", "BulwarkTestSupport"]),
    ]
)
