import BulwarkCore
import BulwarkTerraform

/// Port 6379 carries commands and data, including the access key, in clear text.
enum RedisNonSSLPort: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AZ-RED-001", title: "Azure Cache for Redis keeps the non-TLS port closed", severity: .high, pack: "terraform-azure",
        rationale: "Port 6379 carries commands and data, including the access key, in clear text.",
        remediation: "Set enable_non_ssl_port = false (non_ssl_port_enabled on provider 4.x).",
        controls: controls("soc2:CC6.7", "pci:4.2.1", "hipaa:164.312(e)(1)", "nist:SC-8"), aliases: ["CKV_AZURE_91"])

    static let examples = RuleExamples(
        triggering: ["resource \"azurerm_redis_cache\" \"x\" {\n  name = \"cache\"\n  ↓enable_non_ssl_port = true\n}\n"],
        passing: ["resource \"azurerm_redis_cache\" \"x\" {\n  name = \"cache\"\n  enable_non_ssl_port = false\n}\n"])

    static let resourceTypes: Set<String> = ["azurerm_redis_cache"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "enable_non_ssl_port", false, whenMissing: false)
    }
}
