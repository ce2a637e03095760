import BulwarkTerraform
import BulwarkCore
import BulwarkScan
import Foundation
import Testing

@Suite("Scan")
struct ScanTests {
    func scan(_ f: Fixture, _ configure: (inout RepositoryScanner.Options) -> Void = { _ in }) -> ScanResult {
        var o = RepositoryScanner.Options()
        o.today = "2026-11-29"
        configure(&o)
        return RepositoryScanner(options: o).scan([f.root])
    }

    @Test("finds Kubernetes, Dockerfile and workflow problems and reports them in a stable order")
    func packs() throws {
        let f = try Fixture([("k8s/pod.yaml", badPod), ("Dockerfile", "FROM ubuntu\nADD x /x\n"),
                             (".github/workflows/ci.yml", "on: push\njobs:\n  b:\n    steps:\n      - uses: some/action@v1\n")])
        let r = scan(f)
        let ids = Set(r.findings.map(\.ruleId))
        for id in ["K8S-001", "K8S-016", "DF-001", "DF-003", "DF-004", "GHA-001", "GHA-002"] { #expect(ids.contains(id), "\(id) in \(ids.sorted())") }
        let privileged = try #require(r.findings.first { $0.ruleId == "K8S-001" })
        #expect(privileged.location.file == "k8s/pod.yaml")
        #expect(privileged.location.line == 8)  // the `privileged: true` field itself
        #expect(privileged.resource?.description == "Pod/shop/web")
        #expect(r.findings.map(\.location.file) == r.findings.map(\.location.file).sorted())
        #expect(r.filesScanned == 3)
        let again = scan(f)
        #expect(again.findings.map(\.fingerprint) == r.findings.map(\.fingerprint))
    }

    @Test("skips .git, node_modules and what .gitignore ignores; include/exclude globs apply")
    func discovery() throws {
        let f = try Fixture([("a/pod.yaml", badPod), (".git/x.yaml", badPod), ("node_modules/p/pod.yaml", badPod),
                             (".gitignore", "generated/\n*.tmp.yaml\n!keep.tmp.yaml\n"), ("generated/pod.yaml", badPod),
                             ("b/x.tmp.yaml", badPod), ("b/keep.tmp.yaml", badPod), ("c/pod.yaml", badPod)])
        var config = ScanConfig()
        config.exclude = [Glob("c/**")]
        let files = Set(scan(f) { $0.config = config }.findings.map(\.location.file))
        #expect(files == ["a/pod.yaml", "b/keep.tmp.yaml"])
    }

    @Test("inline suppressions need a reason, expire, and can be turned off")
    func inline() throws {
        let f = try Fixture([
            ("ok.yaml", "# bulwark:ignore K8S-001 reason=\"sandbox image builder\"\n" + badPod),
            ("noreason.yaml", "# bulwark:ignore K8S-001\n" + badPod.replacingOccurrences(of: "name: web", with: "name: web2")),
            ("expired.yaml", "# bulwark:ignore K8S-001 reason=\"old\" expires=2025-01-01\n" + badPod.replacingOccurrences(of: "name: web", with: "name: web3")),
            ("checkov.yaml", "# checkov:skip=CKV_K8S_16:migrated from checkov\n" + badPod.replacingOccurrences(of: "name: web", with: "name: web4")),
        ])
        let r = scan(f)
        func privileged(_ file: String) -> Finding? { r.findings.first { $0.ruleId == "K8S-001" && $0.location.file == file } }
        #expect(privileged("ok.yaml")?.suppression?.reason == "sandbox image builder")
        #expect(privileged("noreason.yaml")?.suppression != nil)
        #expect(r.findings.contains { $0.ruleId == "BULWARK-001" && $0.location.file == "noreason.yaml" })
        #expect(privileged("expired.yaml")?.suppression == nil)
        #expect(r.findings.contains { $0.ruleId == "BULWARK-002" && $0.location.file == "expired.yaml" })
        #expect(privileged("checkov.yaml")?.suppression?.kind == .inline)
        #expect(privileged("ok.yaml")?.suppression?.kind == .inline)
        let off = scan(f) { $0.inlineSuppressions = false }
        #expect(off.findings.filter { $0.ruleId == "K8S-001" }.allSatisfy { $0.suppression == nil })
    }

    @Test("the bulwark.dev/ignore annotation suppresses on the object")
    func annotation() throws {
        let pod = badPod.replacingOccurrences(of: "metadata: {name: web, namespace: shop}",
                                              with: "metadata:\n  name: web\n  namespace: shop\n  annotations:\n    bulwark.dev/ignore: \"K8S-016=pinned by release tooling; K8S-001\"")
        let r = scan(try Fixture([("pod.yaml", pod)]))
        #expect(r.findings.first { $0.ruleId == "K8S-016" }?.suppression?.kind == .annotation)
        #expect(r.findings.first { $0.ruleId == "K8S-001" }?.suppression != nil)
        #expect(r.findings.contains { $0.ruleId == "BULWARK-001" })
    }

    @Test("waivers scope by rule and path, carry owner and expiry, and stop at expiry")
    func waivers() throws {
        let f = try Fixture([("legacy/pod.yaml", badPod), ("new/pod.yaml", badPod)])
        let waiver = Waiver(rule: "K8S-001", path: Glob("legacy/**"), resource: nil, owner: "team-a", approver: "sec", justification: "migration",
                            ticket: "SEC-1", expires: "2027-01-01")
        let r = scan(f) { $0.waivers = [waiver] }
        func privileged(_ result: ScanResult, _ file: String) -> Finding? {
            result.findings.first { (x: Finding) in x.ruleId == "K8S-001" && x.location.file == file }
        }
        let legacyOwner: String? = privileged(r, "legacy/pod.yaml")?.suppression?.owner
        #expect(legacyOwner == "team-a")
        let fresh: Suppression? = privileged(r, "new/pod.yaml")?.suppression
        #expect(fresh == nil)
        var expired = waiver
        expired.expires = "2026-01-01"
        let r2 = scan(f) { $0.waivers = [expired] }
        let afterExpiry: Suppression? = privileged(r2, "legacy/pod.yaml")?.suppression
        #expect(afterExpiry == nil)
    }

    @Test("waiver files without an expiry are rejected with a position")
    func waiverValidation() throws {
        let doc = try BulwarkFormats.YAMLLoader.load("waivers:\n- rule: K8S-001\n  owner: a\n  approver: b\n  justification: c\n  ticket: d\n", file: "w.yaml")[0]
        #expect(throws: BulwarkError.self) { try Waiver.parse(doc) }
    }

    @Test("baselines match by fingerprint, so edits above a finding keep it baselined")
    func baseline() throws {
        let f = try Fixture([("pod.yaml", badPod)])
        let first = scan(f)
        let baseline = try Baseline.parse(Baseline.render(first.findings), file: "b.json")
        try f.write("pod.yaml", "# a new comment\n\n# pushing everything down\n" + badPod)
        let moved = scan(f) { $0.baseline = baseline }
        #expect(!moved.findings.isEmpty)
        #expect(moved.findings.allSatisfy { $0.suppression?.kind == .baseline })
        try f.write("pod2.yaml", badPod.replacingOccurrences(of: "name: web", with: "name: other"))
        let grown = scan(f) { $0.baseline = baseline }
        #expect(grown.findings.contains { $0.location.file == "pod2.yaml" && $0.suppression == nil })
    }

    @Test("bad input is a finding or a skip notice, never a crash or a hang")
    func badInput() throws {
        let f = try Fixture([("broken.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: [\n"), ("ok.yaml", badPod)])
        try f.writeBytes("binary.yaml", [0x00, 0x01, 0x02, 0xFF])
        try f.writeBytes("latin1.yaml", Array("kind: Pod\nname: caf".utf8) + [0xE9, 0x0A])
        try f.write("deep.yaml", String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000))
        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<9 { bomb += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        try f.write("bomb.yaml", bomb)
        try f.write("big.yaml", String(repeating: "# padding line for a very large file\n", count: 300_000))
        try FileManager.default.createSymbolicLink(atPath: f.root + "/loop", withDestinationPath: f.root)
        let r = scan(f) { $0.maxFileBytes = 4 * 1024 * 1024 }
        let unparsed = Set(r.unparsedFiles.map(\.location.file))
        #expect(unparsed.isSuperset(of: ["broken.yaml", "binary.yaml", "latin1.yaml", "bomb.yaml", "big.yaml"]), "\(unparsed)")
        #expect(r.findings.filter { $0.ruleId == "BULWARK-000" }.count == r.unparsedFiles.count)
        #expect(r.findings.contains { $0.ruleId == "K8S-001" && $0.location.file == "ok.yaml" })
        let broken = try #require(r.unparsedFiles.first { $0.location.file == "broken.yaml" })
        #expect(broken.location.line == 4)
    }
}

import BulwarkFormats

@Suite("Scan: Terraform")
struct TerraformScanTests {
    @Test("a directory of .tf files is one module: tfvars apply, unknowns are reported as not evaluated, syntax errors are findings")
    func module() throws {
        let f = try Fixture([
            ("net/main.tf", """
            variable "ports" { default = [443] }
            variable "admin_cidr" {}
            resource "aws_security_group" "web" {
              dynamic "ingress" {
                for_each = var.ports
                content {
                  from_port   = ingress.value
                  to_port     = ingress.value
                  protocol    = "tcp"
                  cidr_blocks = ["0.0.0.0/0"]
                }
              }
            }
            resource "aws_security_group_rule" "admin" {
              type        = "ingress"
              from_port   = 22
              to_port     = 22
              protocol    = "tcp"
              cidr_blocks = [var.admin_cidr]
            }
            """),
            ("net/terraform.tfvars", "ports = [22]\n"),
            ("net/broken.tf", "resource \"x\" \"y\" {\n  a =\n}\n"),
        ])
        var o = RepositoryScanner.Options()
        o.today = "2026-11-29"
        let r = RepositoryScanner(options: o).scan([f.root])
        let open = try #require(r.findings.first { $0.ruleId == "AWS-SG-001" && $0.severity == .high })
        #expect(open.location.file == "net/main.tf" && open.location.line == 10)
        #expect(open.resource?.description == "aws_security_group/web")
        let unknown = try #require(r.findings.first { $0.ruleId == "AWS-SG-001" && $0.severity == .info })
        #expect(unknown.message.contains("admin_cidr"))
        #expect(r.unparsedFiles.first?.location.file == "net/broken.tf")
        #expect(r.unparsedFiles.first?.location.line == 2)
    }
}

@Suite("Scan: Terraform modules")
struct TerraformModuleScanTests {
    @Test("local modules are evaluated with their inputs (from tfvars), per for_each key, and not again as roots; remote modules are reported")
    func localModules() throws {
        let f = try Fixture([
            ("live/main.tf", """
            variable "admin_cidr" {}
            module "bastion" {
              source = "../modules/sg"
              port   = 22
              cidr   = var.admin_cidr
            }
            module "web" {
              source   = "../modules/sg"
              for_each = { http = 80, rdp = 3389 }
              port     = each.value
              cidr     = "0.0.0.0/0"
            }
            module "vpc" {
              source  = "terraform-aws-modules/vpc/aws"
              version = "5.0.0"
            }
            module "gone" {
              source = "./missing"
            }
            """),
            ("live/terraform.tfvars", "admin_cidr = \"0.0.0.0/0\"\n"),
            ("modules/sg/main.tf", """
            variable "port" {}
            variable "cidr" {}
            resource "aws_security_group_rule" "this" {
              type        = "ingress"
              from_port   = var.port
              to_port     = var.port
              protocol    = "tcp"
              cidr_blocks = [var.cidr]
            }
            """),
        ])
        var o = RepositoryScanner.Options()
        o.today = "2026-11-29"
        let r = RepositoryScanner(options: o).scan([f.root])
        let ssh = r.findings.filter { $0.ruleId == "AWS-SG-001" }
        #expect(ssh.map(\.resource?.name) == ["module.bastion.this"])
        #expect(ssh.first?.severity == .high && ssh.first?.location.file == "modules/sg/main.tf")
        let rdp = r.findings.filter { $0.ruleId == "AWS-SG-002" }
        #expect(rdp.map(\.resource?.name) == ["module.web[\"rdp\"].this"])
        #expect(r.findings.contains { $0.ruleId == "BULWARK-004" && $0.message.contains("terraform-aws-modules/vpc/aws") })
        #expect(r.findings.contains { $0.ruleId == "BULWARK-003" && $0.message.contains("live/missing") && $0.location.line == 17 })
        // The module directory is not also scanned as a root with unknown variables.
        #expect(!r.findings.contains { $0.severity == .info && $0.location.file == "modules/sg/main.tf" })
    }

    @Test("--var and --var-file values reach root modules, --var strongest; -var values read as HCL literals or strings")
    func commandLineVariables() throws {
        #expect(TerraformModule.commandLineValue("22") == .int(22))
        #expect(TerraformModule.commandLineValue("[\"a\", \"b\"]") == .array([.string("a"), .string("b")]))
        #expect(TerraformModule.commandLineValue("0.0.0.0/0") == .string("0.0.0.0/0"))
        let f = try Fixture([
            ("main.tf", """
            variable "cidr" {}
            variable "port" { default = 443 }
            resource "aws_security_group_rule" "r" {
              type        = "ingress"
              from_port   = var.port
              to_port     = var.port
              protocol    = "tcp"
              cidr_blocks = [var.cidr]
            }
            """),
        ])
        var o = RepositoryScanner.Options()
        o.today = "2026-11-29"
        o.terraformVarFiles = [try HCLParser.parse("port = 22\ncidr = \"10.0.0.0/8\"\n", file: "x.tfvars")]
        #expect(!RepositoryScanner(options: o).scan([f.root]).findings.contains { $0.ruleId == "AWS-SG-001" })
        o.terraformVariables = ["cidr": .string("0.0.0.0/0")]
        #expect(RepositoryScanner(options: o).scan([f.root]).findings.contains { $0.ruleId == "AWS-SG-001" && $0.severity == .high })
    }

    static let plan = """
    {
      "format_version": "1.2",
      "terraform_version": "1.9.0",
      "planned_values": {"root_module": {
        "resources": [
          {"address": "aws_security_group.web", "mode": "managed", "type": "aws_security_group", "name": "web",
           "values": {"name": "web", "ingress": [{"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": []}]}},
          {"address": "aws_s3_bucket.data", "mode": "managed", "type": "aws_s3_bucket", "name": "data", "values": {"bucket": "data"}},
          {"address": "aws_s3_bucket_versioning.data", "mode": "managed", "type": "aws_s3_bucket_versioning", "name": "data",
           "values": {"versioning_configuration": [{"status": "Enabled"}]}},
          {"address": "aws_ebs_volume.v", "mode": "managed", "type": "aws_ebs_volume", "name": "v", "values": {"size": 20}}
        ],
        "child_modules": [{"address": "module.db", "resources": [
          {"address": "module.db.aws_db_instance.main", "mode": "managed", "type": "aws_db_instance", "name": "main",
           "values": {"deletion_protection": false, "backup_retention_period": 7, "iam_database_authentication_enabled": true}}
        ]}]
      }},
      "resource_changes": [
        {"address": "aws_s3_bucket_versioning.data", "change": {"actions": ["create"], "after_unknown": {"bucket": true}}},
        {"address": "aws_ebs_volume.v", "change": {"actions": ["create"], "after_unknown": {"encrypted": true, "id": true}}}
      ],
      "configuration": {"root_module": {"resources": [
        {"address": "aws_s3_bucket_versioning.data", "expressions": {"bucket": {"references": ["aws_s3_bucket.data.id", "aws_s3_bucket.data"]}}}
      ]}}
    }
    """

    @Test("plan JSON runs the same rules: planned values, after_unknown as not evaluated, configuration references, module addresses")
    func planJSON() throws {
        let f = try Fixture([("plan.json", Self.plan)])
        var o = RepositoryScanner.Options()
        o.today = "2026-11-29"
        let r = RepositoryScanner(options: o).scan([f.root])
        let ssh = try #require(r.findings.first { $0.ruleId == "AWS-SG-001" })
        #expect(ssh.severity == .high && ssh.location.file == "plan.json" && ssh.location.line == 7)
        #expect(!r.findings.contains { $0.ruleId == "AWS-S3-001" && $0.resource?.name == "data" && $0.severity != .info })
        let ebs = try #require(r.findings.first { $0.ruleId == "AWS-EBS-001" })
        #expect(ebs.severity == .info && ebs.message.contains("after apply"))
        #expect(r.findings.contains { $0.ruleId == "AWS-RDS-001" && $0.resource?.name == "module.db.main" })
        #expect(TerraformPlan.modulePath(of: "module.a[\"x.y\"].module.b.aws_s3_bucket.c[0]") == "module.a[\"x.y\"].module.b.")
    }

    @Test("registry modules installed by terraform init (.terraform/modules/modules.json) are evaluated with their inputs")
    func installedModules() throws {
        let f = try Fixture([
            ("live/main.tf", "module \"sg\" {\n  source = \"example/sg/aws\"\n  port   = 22\n}\nmodule \"other\" {\n  source = \"example/other/aws\"\n}\n"),
            ("live/.terraform/modules/modules.json", "{\"Modules\":[{\"Key\":\"\",\"Dir\":\".\"},{\"Key\":\"sg\",\"Source\":\"registry.terraform.io/example/sg/aws\",\"Dir\":\".terraform/modules/sg\"}]}"),
            ("live/.terraform/modules/sg/main.tf", """
            variable "port" {}
            resource "aws_security_group_rule" "r" {
              type        = "ingress"
              from_port   = var.port
              to_port     = var.port
              protocol    = "tcp"
              cidr_blocks = ["0.0.0.0/0"]
            }
            """),
        ])
        var o = RepositoryScanner.Options()
        o.today = "2026-11-29"
        let r = RepositoryScanner(options: o).scan([f.root])
        let ssh = try #require(r.findings.first { $0.ruleId == "AWS-SG-001" })
        #expect(ssh.resource?.name == "module.sg.r" && ssh.location.file == "live/.terraform/modules/sg/main.tf" && ssh.location.line == 7)
        #expect(r.findings.filter { $0.ruleId == "BULWARK-004" }.map(\.resource?.name) == ["other"])
    }

    @Test("outputs of a local module feed the caller's resources")
    func moduleOutputs() throws {
        let f = try Fixture([
            ("live/main.tf", """
            module "net" {
              source = "../modules/net"
              open   = true
            }
            resource "aws_security_group_rule" "ssh" {
              type        = "ingress"
              from_port   = 22
              to_port     = 22
              protocol    = "tcp"
              cidr_blocks = module.net.admin_cidrs
            }
            """),
            ("modules/net/main.tf", """
            variable "open" { default = false }
            locals { cidrs = var.open ? ["0.0.0.0/0"] : ["10.0.0.0/8"] }
            output "admin_cidrs" { value = local.cidrs }
            """),
        ])
        var o = RepositoryScanner.Options()
        o.today = "2026-11-29"
        let r = RepositoryScanner(options: o).scan([f.root])
        let ssh = try #require(r.findings.first { $0.ruleId == "AWS-SG-001" })
        #expect(ssh.severity == .high && ssh.location.file == "live/main.tf")
    }
}
