// Least-privilege role assignments for the Function App's user-assigned identity.
// Every assignment is scoped to the one resource it is about (storage account, vault,
// Application Insights component), never to the resource group or subscription.
// Assignment names derive from the identity's resource id (known before deployment), so
// they are stable across redeployments and What-If can predict them.

@description('Name of the user-assigned managed identity that receives the roles.')
param identityName string

@description('Name of the storage account (host storage, archive and deployment package).')
param storageAccountName string

@description('Name of the Key Vault that holds the music API key.')
param keyVaultName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

// Built-in role definition ids (the same in every tenant and cloud).
var roleIds = {
  // Host storage for Flex Consumption and Durable Functions: the Functions host keeps its keys,
  // singleton/timer locks and the Durable task-hub lease blobs in blob storage and manages their
  // containers; the Functions documentation requires Storage Blob Data Owner for an identity-based
  // AzureWebJobsStorage connection. It also covers the Flex deployment-package container and the
  // archive container `music` (same account), so no separate Blob Data Contributor is needed.
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  // Durable Functions control/work-item queues and the app's music-requests* / music-results queues.
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // Durable Functions (Azure Storage backend) History and Instances tables.
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  // Read secret values only (Key Vault reference for MusicApi__ApiKey); cannot list keys or manage the vault.
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  // Send telemetry to Application Insights with Entra ID auth (local auth is disabled).
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

var storageRoles = [
  roleIds.storageBlobDataOwner
  roleIds.storageQueueDataContributor
  roleIds.storageTableDataContributor
]

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in storageRoles: {
    name: guid(storage.id, identity.id, roleId)
    scope: storage
    properties: {
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    }
  }
]

resource keyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, roleIds.keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.keyVaultSecretsUser)
  }
}

resource monitoringMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, identity.id, roleIds.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roleIds.monitoringMetricsPublisher
    )
  }
}

output storageRoleAssignmentIds string[] = [for (roleId, i) in storageRoles: storageRoleAssignments[i].id]
output keyVaultRoleAssignmentId string = keyVaultSecretsUser.id
output monitoringRoleAssignmentId string = monitoringMetricsPublisher.id
