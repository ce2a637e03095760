admin_ports = [443, 22]
admin_cidr  = "0.0.0.0/0"
