# The payments team's production stack, pinned to the pci level in .bulwark.yaml. Two
# deliberate mistakes arrive through inputs: terraform.tfvars opens SSH to the world via a
# dynamic block, and the database module is called with public = true. A third is only a
# mistake at pci: 90 days of audit logs passes the standard level, PCI DSS 10.5.1 asks for 365.

variable "admin_ports" {
  type    = list(number)
  default = [443]
}

variable "admin_cidr" {
  type = string
}

locals {
  name = "payments-prod"
}

resource "aws_kms_key" "data" {
  description         = "${local.name} data"
  enable_key_rotation = true
}

resource "aws_cloudwatch_log_group" "audit" {
  name              = "/${local.name}/audit"
  kms_key_id        = aws_kms_key.data.arn
  retention_in_days = 90
}

resource "aws_security_group" "admin" {
  name = "${local.name}-admin"

  dynamic "ingress" {
    for_each = var.admin_ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = [var.admin_cidr]
    }
  }
}

module "db" {
  source = "../modules/postgres"
  name   = local.name
  kms    = aws_kms_key.data.arn
  public = true
}
