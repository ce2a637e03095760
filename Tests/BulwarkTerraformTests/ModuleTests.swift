import BulwarkCore
import BulwarkFormats
@testable import BulwarkRules
import BulwarkTerraform
import Testing

@Suite("Terraform module evaluation")
struct ModuleTests {
    func module(_ source: String, tfvars: String? = nil) throws -> TerraformModule {
        let body = try HCLParser.parse(source, file: "main.tf")
        let vars = try tfvars.map { [try HCLParser.parse($0, file: "terraform.tfvars")] } ?? []
        return TerraformModule.evaluate(files: [.init(path: "main.tf", body: body)], tfvars: vars)
    }

    func verdicts(_ m: TerraformModule) -> [String: [TerraformVerdict]] {
        var out: [String: [TerraformVerdict]] = [:]
        for inst in m.instances where SecurityGroupOpenSSH.resourceTypes.contains(inst.type) {
            out[inst.address] = SecurityGroupOpenSSH.check(inst, in: m)
        }
        return out
    }

    func isViolation(_ v: [TerraformVerdict]?) -> Bool {
        v?.contains { if case .violation = $0 { return true } else { return false } } ?? false
    }

    static let dynamicForms = """
    variable "ports" { default = [22] }
    variable "rules" {
      default = [{ port = 22, cidr = "0.0.0.0/0" }, { port = 443, cidr = "10.0.0.0/8" }]
    }
    locals { anywhere = "0.0.0.0/0" }

    resource "aws_security_group" "literal" {
      dynamic "ingress" {
        for_each = [22]
        content {
          from_port   = ingress.value
          to_port     = ingress.value
          protocol    = "tcp"
          cidr_blocks = ["0.0.0.0/0"]
        }
      }
    }
    resource "aws_security_group" "variable" {
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
    resource "aws_security_group" "objects" {
      dynamic "ingress" {
        for_each = var.rules
        iterator = rule
        content {
          from_port   = rule.value.port
          to_port     = rule.value.port
          protocol    = "tcp"
          cidr_blocks = [rule.value.cidr]
        }
      }
    }
    resource "aws_security_group" "map" {
      dynamic "ingress" {
        for_each = { ssh = 22 }
        content {
          description = ingress.key
          from_port   = ingress.value
          to_port     = ingress.value
          protocol    = "tcp"
          cidr_blocks = ["0.0.0.0/0"]
        }
      }
    }
    resource "aws_security_group" "local" {
      dynamic "ingress" {
        for_each = [22]
        content {
          from_port   = ingress.value
          to_port     = ingress.value
          protocol    = "tcp"
          cidr_blocks = [local.anywhere]
        }
      }
    }
    """

    @Test("a dynamic ingress opening 22 to the world is caught in all five forms")
    func dynamicIngress() throws {
        let v = verdicts(try module(Self.dynamicForms))
        for name in ["literal", "variable", "objects", "map", "local"] {
            #expect(isViolation(v["aws_security_group.\(name)"]), "\(name): \(String(describing: v["aws_security_group.\(name)"]))")
        }
    }

    @Test("count = 0 resources do not exist; count and for_each get Terraform addresses")
    func countAndForEach() throws {
        let m = try module("""
        resource "aws_security_group" "off" {
          count = 0
          ingress {
            from_port   = 22
            to_port     = 22
            protocol    = "tcp"
            cidr_blocks = ["0.0.0.0/0"]
          }
        }
        resource "aws_s3_bucket" "b" {
          count  = 2
          bucket = "logs-${count.index}"
        }
        resource "aws_s3_bucket" "m" {
          for_each = { a = "x", b = "y" }
          bucket   = "${each.key}-${each.value}"
        }
        """)
        #expect(!m.instances.contains { $0.name == "off" })
        #expect(m.instances.map(\.address).sorted() == ["aws_s3_bucket.b[0]", "aws_s3_bucket.b[1]", "aws_s3_bucket.m[\"a\"]", "aws_s3_bucket.m[\"b\"]"])
        #expect(m.instances.first { $0.address == "aws_s3_bucket.m[\"b\"]" }?.attribute("bucket") == .known("b-y"))
    }

    @Test("tfvars override defaults; unknown inputs make the rule say not evaluated")
    func tfvarsAndUnknown() throws {
        let source = """
        variable "ports" { default = [443] }
        variable "cidr" {}
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
        resource "aws_security_group" "admin" {
          ingress {
            from_port   = 22
            to_port     = 22
            protocol    = "tcp"
            cidr_blocks = [var.cidr]
          }
        }
        """
        let defaults = verdicts(try module(source))
        #expect(!isViolation(defaults["aws_security_group.web"]))
        let overridden = verdicts(try module(source, tfvars: "ports = [22]\ncidr = \"10.0.0.0/8\"\n"))
        #expect(isViolation(overridden["aws_security_group.web"]))
        #expect(overridden["aws_security_group.admin"]?.isEmpty == true)
        let unknown = defaults["aws_security_group.admin"] ?? []
        #expect(unknown.contains { if case .notEvaluated(_, let reason) = $0 { return reason.contains("no default") } else { return false } })
    }

    @Test("locals resolve in dependency order and cycles are reported")
    func locals() throws {
        let m = try module("""
        locals {
          c = "${local.b}-c"
          b = "${local.a}-b"
          a = "a"
          x = local.y
          y = local.x
        }
        """)
        #expect(m.locals["c"] == .known("a-b-c"))
        #expect(m.locals["x"]?.isKnown == false)
        #expect(m.diagnostics.contains { $0.message.contains("depends on itself") })
    }

    @Test("references to other resources use their configured attributes or say they are computed")
    func references() throws {
        let m = try module("""
        resource "aws_s3_bucket" "logs" { bucket = "acme-logs" }
        resource "aws_s3_bucket_logging" "l" {
          bucket        = aws_s3_bucket.logs.id
          target_bucket = aws_s3_bucket.logs.bucket
        }
        module "remote" { source = "terraform-aws-modules/vpc/aws" }
        """)
        let logging = try #require(m.instances.first { $0.type == "aws_s3_bucket_logging" })
        #expect(logging.attribute("target_bucket") == .known("acme-logs"))
        #expect(logging.attribute("bucket").unknownReason?.contains("computed") == true)
        #expect(m.remoteModules.map(\.name) == ["remote"])
    }
}
