import BulwarkCore
import BulwarkTerraform

/// Password SSH logins are brute-forced constantly; keys cannot be guessed.
enum LinuxVMPasswordAuth: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AZ-VM-001", title: "Linux VMs disable password authentication", severity: .high, pack: "terraform-azure",
        rationale: "Password SSH logins are brute-forced constantly; keys cannot be guessed.",
        remediation: "Set disable_password_authentication = true and add admin_ssh_key.",
        controls: controls("soc2:CC6.1", "pci:8.3.1", "nist:IA-2"), aliases: ["CKV_AZURE_149"])

    static let examples = RuleExamples(
        triggering: ["resource \"azurerm_linux_virtual_machine\" \"x\" {\n  name = \"vm\"\n  ↓disable_password_authentication = false\n}\n"],
        passing: ["resource \"azurerm_linux_virtual_machine\" \"x\" {\n  name = \"vm\"\n  disable_password_authentication = true\n}\n"])

    static let resourceTypes: Set<String> = ["azurerm_linux_virtual_machine", "azurerm_linux_virtual_machine_scale_set"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "disable_password_authentication", true, whenMissing: true)
    }
}
