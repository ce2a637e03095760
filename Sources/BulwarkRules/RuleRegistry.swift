import BulwarkCore

/// Every built-in rule. A test fails when a rule file exists that is not listed here.
public enum RuleRegistry {
    public static let dockerfile: [any DockerfileRule.Type] = [
        NonRootUser.self, BaseImagePinnedByDigest.self, BaseImageNotLatest.self, CopyNotAdd.self, Healthcheck.self,
        NoCurlPipeShell.self, NoSecretsInEnv.self, NoSudo.self, NoSSHPort.self, PackageManagerHygiene.self,
    ]

    public static let workflow: [any WorkflowRule.Type] = [
        PinnedActions.self, ExplicitPermissions.self, PullRequestTargetCheckout.self, ScriptInjection.self, CloudKeysInEnv.self,
        SecretsInherit.self,
    ]

    public static let manifestSet: [any ManifestSetRule.Type] = [NamespaceNetworkPolicy.self, ServiceSelectsWorkload.self, MeshMutualTLS.self]

    public static let terraform: [any TerraformRule.Type] = [
        SecurityGroupOpenSSH.self, SecurityGroupOpenRDP.self, EBSVolumeEncrypted.self, InstanceBlockDevicesEncrypted.self,
        KMSKeyRotation.self, SQSQueueEncrypted.self, ECRImmutableTags.self, LogGroupRetention.self, LogGroupKMS.self,
        EKSPublicEndpoint.self, EKSControlPlaneLogging.self, S3BucketVersioning.self, S3BucketAccessLogging.self,
        RDSDeletionProtection.self, RDSIAMAuthentication.self, RDSBackupRetention.self, LoadBalancerDeletionProtection.self,
        DynamoDBCustomerKey.self, SecretRotationPeriod.self, InstanceMetadataV2.self, InstanceMetadataHopLimit.self,
        KMSKeyWildcardPrincipal.self, S3BucketPolicyAnyPrincipal.self, IAMFullAdmin.self, IAMPolicyOnUser.self,
        SecurityGroupOpenAllPorts.self, CloudTrailMultiRegion.self, CloudTrailLogValidation.self, CloudTrailKMS.self, CloudTrailLogging.self,
        ECRScanOnPush.self, EKSSecretsEncryption.self, RDSStorageEncrypted.self, RDSPublicAccess.self, SNSTopicEncrypted.self,
        SearchDomainEncryptedAtRest.self, SearchDomainNodeToNode.self, SearchDomainHTTPS.self, KinesisStreamEncrypted.self,
        NeptuneStorageEncrypted.self, LoadBalancerAccessLogs.self, CodeBuildArtifactsEncrypted.self,
        DocDBEncrypted.self, ElastiCacheAtRest.self, ElastiCacheInTransit.self, RedshiftEncrypted.self, RedshiftPublic.self, EFSEncrypted.self,
        EBSEncryptionByDefault.self, DMSNotPublic.self, MQNotPublic.self, InstancePublicIP.self, RDSMinorUpgrade.self, GuardDutyEnabled.self,
        SecretsManagerCMK.self, S3BucketPublicACL.self, S3PublicAccessBlock.self, VPCFlowLogs.self, ALBListenerHTTPS.self, ALBListenerTLSPolicy.self,
        LambdaURLAuth.self, SecurityGroupOpenEgress.self, CloudFrontHTTPS.self,
        CloudFrontTLS12.self, APIGatewayAccessLogs.self, RDSLogExports.self, InstanceUserDataCredentials.self, LambdaEnvironmentSecrets.self,
        ECSPrivilegedContainer.self, IAMPrivilegeEscalation.self,
        S3DefaultKMSEncryption.self, LaunchTemplateEBSEncrypted.self, ProviderHardcodedCredentials.self, CustomerManagedKeys.self,
        // Azure
        AKSNetworkPolicy.self, AKSPrivateAPI.self, AKSRBAC.self, KeyVaultKeyExpiry.self, KeyVaultNetworkDeny.self, KeyVaultPurgeProtection.self, NSGOpenRDP.self, NSGOpenSSH.self, SQLFirewallAllowAll.self, SQLServerMinTLS.self, SQLServerPublicAccess.self, StorageHTTPSOnly.self, StorageMinTLS.self, StorageNoPublicBlobs.self,
        AppServiceHTTPSOnly.self, AppServiceMinTLS.self, KeyVaultEncryptionKeys.self, StorageNetworkDeny.self, PostgresPublicAccess.self, PostgresSSL.self, MySQLSSL.self, ContainerRegistryAdmin.self, ContainerRegistryPublic.self, CosmosPublicAccess.self, LinuxVMPasswordAuth.self, AKSLocalAccounts.self, RedisNonSSLPort.self,
        // GCP
        BucketIAMPublic.self, BucketPublicAccessPrevention.self, BucketUniformAccess.self, FirewallOpenRDP.self, FirewallOpenSSH.self, GKELegacyABAC.self, GKEMasterAuthorizedNetworks.self, GKENetworkPolicy.self, GKEPrivateNodes.self, InstanceOSLogin.self, InstanceSerialPort.self, CloudKMSKeyRotation.self, SQLOpenAuthorizedNetwork.self, SQLRequireSSL.self,
        SQLBackups.self, SQLPublicIP.self, GKEShieldedNodes.self, GKEIntranodeVisibility.self, GKEReleaseChannel.self, GKEWorkloadMetadata.self, InstanceShieldedVM.self, InstanceIPForwarding.self, InstanceBlockProjectSSHKeys.self, InstanceDefaultServiceAccount.self, BigQueryPublicDataset.self, SubnetFlowLogs.self, CustomerManagedEncryptionKeys.self,
    ]

    /// Swift rules' metadata and examples.
    public static var swiftRules: [(metadata: RuleMetadata, examples: RuleExamples)] {
        dockerfile.map { ($0.metadata, $0.examples) } + workflow.map { ($0.metadata, $0.examples) }
            + manifestSet.map { ($0.metadata, $0.examples) } + terraform.map { ($0.metadata, $0.examples) }
    }

    /// All rules' metadata, sorted by id.
    public static var all: [RuleMetadata] {
        (KubernetesPack.shared.entries.map(\.metadata) + swiftRules.map(\.metadata)).sorted { $0.id < $1.id }
    }

    public static func metadata(_ id: String) -> RuleMetadata? {
        all.first { $0.id == id || $0.aliases.contains(id) }
    }
}
