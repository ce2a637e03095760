import BulwarkCore
import BulwarkFormats
@testable import BulwarkRules
import BulwarkTerraform
import Testing

/// Rules that follow provider-v4 split resources back to their bucket: by reference,
/// by name, through the same unknown input, and per for_each instance.
@Suite("Connected Terraform resources")
struct ConnectedResourceTests {
    func verdicts<R: TerraformRule>(_ rule: R.Type, _ source: String) throws -> [String: [TerraformVerdict]] {
        let m = TerraformModule.evaluate(files: [.init(path: "main.tf", body: try HCLParser.parse(source, file: "main.tf"))])
        var out: [String: [TerraformVerdict]] = [:]
        for inst in m.instances where R.resourceTypes.contains(inst.type) { out[inst.address] = R.check(inst, in: m) }
        return out
    }

    func kind(_ v: [TerraformVerdict]?) -> String {
        switch v?.first {
        case nil: return "pass"
        case .violation: return "fail"
        case .notEvaluated: return "not evaluated"
        }
    }

    @Test("versioning links by reference, by shared variable, and per for_each key")
    func versioningLinks() throws {
        let v = try verdicts(S3BucketVersioning.self, """
        variable "name" {}
        variable "status" {}
        locals { keys = ["a", "b"] }
        resource "aws_s3_bucket" "byvar" { bucket = var.name }
        resource "aws_s3_bucket_versioning" "byvar" {
          bucket = var.name
          versioning_configuration { status = "Enabled" }
        }
        resource "aws_s3_bucket" "each" {
          for_each = toset(local.keys)
          bucket   = "b-${each.key}"
        }
        resource "aws_s3_bucket_versioning" "each" {
          for_each = toset(local.keys)
          bucket   = aws_s3_bucket.each[each.key].id
          versioning_configuration { status = each.key == "a" ? "Enabled" : "Suspended" }
        }
        resource "aws_s3_bucket" "unknown" { bucket = "u" }
        resource "aws_s3_bucket_versioning" "unknown" {
          bucket = aws_s3_bucket.unknown.id
          versioning_configuration { status = var.status }
        }
        resource "aws_s3_bucket" "lonely" { bucket = "other" }
        """)
        #expect(kind(v["aws_s3_bucket.byvar"]) == "pass")
        #expect(kind(v["aws_s3_bucket.each[\"a\"]"]) == "pass")
        #expect(kind(v["aws_s3_bucket.each[\"b\"]"]) == "fail")
        #expect(kind(v["aws_s3_bucket.unknown"]) == "not evaluated")
        #expect(kind(v["aws_s3_bucket.lonely"]) == "fail")
    }

    @Test("a bucket that receives other buckets' access logs is not asked to log itself")
    func logTargetExempt() throws {
        let v = try verdicts(S3BucketAccessLogging.self, """
        resource "aws_s3_bucket" "data" { bucket = "data" }
        resource "aws_s3_bucket" "logs" { bucket = "data-logs" }
        resource "aws_s3_bucket" "other" { bucket = "other" }
        resource "aws_s3_bucket_logging" "data" {
          bucket        = aws_s3_bucket.data.id
          target_bucket = "data-logs"
        }
        """)
        #expect(kind(v["aws_s3_bucket.data"]) == "pass")
        #expect(kind(v["aws_s3_bucket.logs"]) == "pass")
        #expect(kind(v["aws_s3_bucket.other"]) == "fail")
    }

    @Test("capitalised True is invalid Terraform and is reported, not read as a bool")
    func capitalisedBool() throws {
        let v = try verdicts(EBSVolumeEncrypted.self, "resource \"aws_ebs_volume\" \"x\" {\n  encrypted = True\n}\n")
        guard case .notEvaluated(let path, let reason)? = v["aws_ebs_volume.x"]?.first else { Issue.record("expected not evaluated"); return }
        #expect(path == "encrypted")
        #expect(reason.contains("lowercase"))
    }

    @Test("instance disks: snapshot-backed devices inherit encryption, a missing root device fails, unknown sizes do not matter")
    func instanceDisks() throws {
        let v = try verdicts(InstanceBlockDevicesEncrypted.self, """
        variable "size" {}
        resource "aws_instance" "snap" {
          root_block_device { snapshot_id = "snap-1" }
        }
        resource "aws_instance" "noroot" {}
        resource "aws_instance" "ok" {
          root_block_device {
            volume_size = var.size
            encrypted   = true
          }
        }
        resource "aws_instance" "data" {
          root_block_device { encrypted = true }
          ebs_block_device {
            device_name = "/dev/xvdb"
            volume_size = var.size
          }
        }
        """)
        #expect(kind(v["aws_instance.snap"]) == "pass")
        #expect(kind(v["aws_instance.noroot"]) == "fail")
        #expect(kind(v["aws_instance.ok"]) == "pass")
        #expect(kind(v["aws_instance.data"]) == "fail")
    }

    @Test("an attribute set to another resource's computed attribute counts as set; a conditional over it stays not evaluated")
    func setByReference() throws {
        let v = try verdicts(LogGroupKMS.self, """
        variable "use_kms" {}
        resource "aws_kms_key" "k" { enable_key_rotation = true }
        resource "aws_cloudwatch_log_group" "ref" { kms_key_id = aws_kms_key.k.arn }
        resource "aws_cloudwatch_log_group" "cond" { kms_key_id = var.use_kms ? aws_kms_key.k.arn : null }
        resource "aws_cloudwatch_log_group" "none" { name = "x" }
        """)
        #expect(kind(v["aws_cloudwatch_log_group.ref"]) == "pass")
        #expect(kind(v["aws_cloudwatch_log_group.cond"]) == "not evaluated")
        #expect(kind(v["aws_cloudwatch_log_group.none"]) == "fail")
    }

    @Test("a conditional on an unknown value fails only when every branch fails, passes when none does")
    func conditionalBranches() throws {
        let v = try verdicts(EBSVolumeEncrypted.self, """
        variable "prod" {}
        resource "aws_ebs_volume" "never" { encrypted = var.prod ? false : false }
        resource "aws_ebs_volume" "always" { encrypted = var.prod ? true : (var.prod == false ? true : true) }
        resource "aws_ebs_volume" "sometimes" { encrypted = var.prod ? true : false }
        """)
        #expect(kind(v["aws_ebs_volume.never"]) == "fail")
        #expect(kind(v["aws_ebs_volume.always"]) == "pass")
        #expect(kind(v["aws_ebs_volume.sometimes"]) == "not evaluated")
        let sg = try verdicts(SecurityGroupOpenSSH.self, """
        variable "public" {}
        resource "aws_security_group_rule" "both" {
          type        = "ingress"
          from_port   = 22
          to_port     = 22
          protocol    = "tcp"
          cidr_blocks = var.public ? ["0.0.0.0/0"] : ["10.0.0.0/8", "::/0"]
        }
        resource "aws_security_group_rule" "one" {
          type        = "ingress"
          from_port   = 22
          to_port     = 22
          protocol    = "tcp"
          cidr_blocks = var.public ? ["0.0.0.0/0"] : ["10.0.0.0/8"]
        }
        """)
        #expect(kind(sg["aws_security_group_rule.both"]) == "fail")
        #expect(kind(sg["aws_security_group_rule.one"]) == "not evaluated")
    }

    @Test("values from sensitive variables, directly or through locals, are judged but not printed")
    func sensitiveValues() throws {
        let m = TerraformModule.evaluate(files: [.init(path: "main.tf", body: try HCLParser.parse("""
        variable "tls" {
          default   = "TLS1_0"
          sensitive = true
        }
        locals { tls = lower(var.tls) == "tls1_0" ? var.tls : "TLS1_2" }
        resource "azurerm_storage_account" "s" { min_tls_version = var.tls }
        resource "azurerm_storage_account" "l" { min_tls_version = local.tls }
        resource "azurerm_storage_account" "p" { min_tls_version = "TLS1_0" }
        """, file: "main.tf"))])
        let s = try #require(m.instances.first { $0.name == "s" }), p = try #require(m.instances.first { $0.name == "p" })
        #expect(s.isSensitive("min_tls_version") && !p.isSensitive("min_tls_version"))
        #expect(m.instances.first { $0.name == "l" }?.isSensitive("min_tls_version") == true)
        guard case .violation(_, let hidden)? = StorageMinTLS.check(s, in: m).first, case .violation(_, let shown)? = StorageMinTLS.check(p, in: m).first else {
            Issue.record("both should fail"); return
        }
        #expect(!hidden.contains("TLS1_0") && hidden.contains("sensitive"))
        #expect(shown.contains("TLS1_0"))
    }

    @Test("a dynamic block over an unknown conditional fails when every branch fails and passes when every branch passes")
    func dynamicBranches() throws {
        let m = TerraformModule.evaluate(files: [.init(path: "main.tf", body: try HCLParser.parse("""
        variable "on" {}
        resource "aws_security_group" "both" {
          dynamic "ingress" {
            for_each = var.on ? [22] : [0]
            content {
              from_port   = ingress.value
              to_port     = ingress.value
              protocol    = "tcp"
              cidr_blocks = ["0.0.0.0/0"]
            }
          }
        }
        resource "aws_security_group" "one" {
          dynamic "ingress" {
            for_each = var.on ? [22] : []
            content {
              from_port   = ingress.value
              to_port     = ingress.value
              protocol    = "tcp"
              cidr_blocks = ["0.0.0.0/0"]
            }
          }
        }
        resource "aws_security_group" "none" {
          dynamic "ingress" {
            for_each = var.on ? [443] : []
            content {
              from_port   = ingress.value
              to_port     = ingress.value
              protocol    = "tcp"
              cidr_blocks = ["0.0.0.0/0"]
            }
          }
        }
        """, file: "main.tf"))])
        func verdict(_ name: String) throws -> String {
            kind(SecurityGroupOpenSSH.evaluate(try #require(m.instances.first { $0.name == name }), in: m))
        }
        #expect(try verdict("both") == "fail")
        #expect(try verdict("one") == "not evaluated")
        #expect(try verdict("none") == "pass")
    }
}
