# A hardened Postgres module: every setting secure except what the caller chooses.

variable "name" {
  type = string
}

variable "kms" {
  type = string
}

variable "public" {
  type    = bool
  default = false
}

resource "aws_db_instance" "main" {
  identifier                          = var.name
  engine                              = "postgres"
  engine_version                      = "16.4"
  instance_class                      = "db.t4g.medium"
  allocated_storage                   = 50
  storage_encrypted                   = true
  kms_key_id                          = var.kms
  deletion_protection                 = true
  backup_retention_period             = 14
  iam_database_authentication_enabled = true
  enabled_cloudwatch_logs_exports     = ["postgresql", "upgrade"]
  publicly_accessible                 = var.public
}
