#!/usr/bin/env python3
"""Generates a Terraform monorepo for the Terraform benchmark: one shared local module
plus N service root directories, each with tfvars, locals, count, for_each, dynamic
blocks and the resource types Bulwark's AWS rules cover, roughly one in four insecure.

    gen_tf_corpus.py OUT_DIR [ROOTS=250]

Each root declares 20 resources directly (some expanded by count/for_each) and calls the
shared module once, so 250 roots give well over 5,000 resource instances."""
import os, random, sys

out = sys.argv[1]
roots = int(sys.argv[2]) if len(sys.argv) > 2 else 250
rnd = random.Random(42)

MODULE = '''variable "name" {}
variable "port" { default = 443 }
variable "cidr" { default = "10.0.0.0/8" }
resource "aws_security_group" "this" {
  name = var.name
  ingress {
    from_port   = var.port
    to_port     = var.port
    protocol    = "tcp"
    cidr_blocks = [var.cidr]
  }
}
resource "aws_cloudwatch_log_group" "this" {
  name              = "/svc/${var.name}"
  retention_in_days = 90
}
'''

def bad(p=0.25):
    return rnd.random() < p

def root(i):
    name = f"svc{i:04d}"
    ports = [443, 22] if bad() else [443, 8443]
    return f'''variable "env" {{ default = "dev" }}
variable "ports" {{ default = {ports} }}
variable "replicas" {{ default = 3 }}
locals {{
  name   = "{name}-${{var.env}}"
  queues = ["orders", "events", "audit"]
  admin  = "{"0.0.0.0/0" if bad(0.1) else "10.1.0.0/16"}"
}}

module "edge" {{
  source = "../../modules/sg"
  name   = local.name
  port   = {3389 if bad(0.1) else 443}
  cidr   = "0.0.0.0/0"
}}

resource "aws_security_group" "web" {{
  name = local.name
  dynamic "ingress" {{
    for_each = var.ports
    content {{
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }}
  }}
}}

resource "aws_security_group_rule" "admin" {{
  type              = "ingress"
  security_group_id = aws_security_group.web.id
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = [local.admin]
}}

resource "aws_ebs_volume" "data" {{
  count             = var.replicas
  availability_zone = "eu-west-1a"
  size              = 20
  encrypted         = {"false" if bad() else "true"}
}}

resource "aws_instance" "app" {{
  count         = 2
  ami           = "ami-123456"
  instance_type = "t3.micro"
  root_block_device {{
    encrypted = {"false" if bad() else "true"}
  }}
}}

resource "aws_kms_key" "data" {{
  description         = "${{local.name}} data"
  enable_key_rotation = {"false" if bad() else "true"}
}}

resource "aws_sqs_queue" "q" {{
  for_each          = toset(local.queues)
  name              = "${{local.name}}-${{each.key}}"
  kms_master_key_id = {'""' if bad() else "aws_kms_key.data.arn"}
}}

resource "aws_ecr_repository" "app" {{
  name                 = local.name
  image_tag_mutability = "{"MUTABLE" if bad() else "IMMUTABLE"}"
}}

resource "aws_cloudwatch_log_group" "app" {{
  name              = "/app/${{local.name}}"
  retention_in_days = {0 if bad() else 365}
  kms_key_id        = aws_kms_key.data.arn
}}

resource "aws_eks_cluster" "main" {{
  name                      = local.name
  role_arn                  = "arn:aws:iam::111122223333:role/eks"
  enabled_cluster_log_types = {'["api"]' if bad() else '["api", "audit", "authenticator", "controllerManager", "scheduler"]'}
  vpc_config {{
    subnet_ids             = ["subnet-1", "subnet-2"]
    endpoint_public_access = {"true" if bad() else "false"}
  }}
}}

resource "aws_s3_bucket" "data" {{
  bucket = "${{local.name}}-data"
}}

resource "aws_s3_bucket" "logs" {{
  bucket = "${{local.name}}-logs"
}}

resource "aws_s3_bucket_versioning" "data" {{
  bucket = aws_s3_bucket.data.id
  versioning_configuration {{
    status = "{"Suspended" if bad() else "Enabled"}"
  }}
}}

resource "aws_s3_bucket_logging" "data" {{
  bucket        = aws_s3_bucket.data.id
  target_bucket = aws_s3_bucket.logs.id
  target_prefix = "s3/"
}}
'''

os.makedirs(os.path.join(out, "modules", "sg"), exist_ok=True)
open(os.path.join(out, "modules", "sg", "main.tf"), "w").write(MODULE)
for i in range(roots):
    d = os.path.join(out, "services", f"svc{i:04d}")
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, "main.tf"), "w").write(root(i))
    open(os.path.join(d, "terraform.tfvars"), "w").write(f'env = "{rnd.choice(["dev", "staging", "prod"])}"\n')
print(f"{roots} roots, {roots * 20} resource blocks ({roots * 26} instances with count/for_each and module resources)")
