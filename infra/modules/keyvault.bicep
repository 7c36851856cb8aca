// Key Vault (RBAC authorization, soft delete, purge protection) holding the music API key
// and, when given, the webhook signing key.
// Each arrives as a @secure() parameter, is written once as a secret and is never
// echoed back: no output of this module carries it. The Function App reads it through a
// Key Vault reference resolved with the user-assigned identity (Key Vault Secrets User).

@description('Key Vault name: 3-24 letters, digits and hyphens, globally unique.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to the vault.')
param tags object

@description('Name of the secret that holds the music API key.')
param musicApiKeySecretName string

@secure()
@minLength(1)
@description('The music API key. Stored only as a Key Vault secret.')
param musicApiKey string

@description('Name of the secret that holds the webhook signing key; empty: no such secret.')
param webhookSecretName string = ''

@secure()
@description('The webhook signing key. Stored only as a Key Vault secret, when given.')
param webhookSecret string = ''

@description('Days a deleted vault or secret stays recoverable (7-90).')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 90

@description('Purge protection: a deleted vault cannot be purged before its retention ends. Once enabled it cannot be turned off.')
param enablePurgeProtection bool = true

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // Azure RBAC instead of access policies: access is granted with role assignments scoped to this vault.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: enablePurgeProtection ? true : null
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource musicApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: musicApiKeySecretName
  properties: {
    value: musicApiKey
    contentType: 'text/plain'
    attributes: {
      enabled: true
    }
  }
}

resource webhookSecretResource 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(webhookSecretName) && !empty(webhookSecret)) {
  parent: vault
  name: empty(webhookSecretName) ? 'unused' : webhookSecretName
  properties: {
    value: webhookSecret
    contentType: 'text/plain'
    attributes: {
      enabled: true
    }
  }
}

output id string = vault.id
output name string = vault.name
output vaultUri string = vault.properties.vaultUri
// The secret's name only (never its value), so the app setting can reference it.
output musicApiKeySecretName string = musicApiKeySecret.name
