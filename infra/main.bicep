// MusicFunctions infrastructure, deployed by `azd provision` (or `az deployment sub create`).
// Subscription scope: creates the resource group rg-<environmentName> and deploys every
// resource into it through the modules under ./modules. Only built-in resource types are
// used (no registry modules), so the template builds and lints offline.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group and seeds the unique resource names.')
param environmentName string

@minLength(1)
@description('Region for every resource. Must be a region that offers the Flex Consumption plan.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@minLength(2)
@maxLength(9)
@description('Short prefix for resource names: lowercase letters and digits (it is also used in the storage account and Key Vault names).')
param namePrefix string = 'music'

@description('Base URL of the music API.')
param musicApiBaseUrl string = 'https://api.qhaigc.net/v1'

@secure()
@minLength(1)
@description('The music API key. Stored only in Key Vault (secret music-api-key); never output.')
param musicApiKey string

@secure()
@description('HMAC key that signs webhook deliveries (at least 32 characters). Stored only in Key Vault (secret webhook-secret); empty leaves webhooks off (requests with a callback_url are refused).')
param webhookSecret string = ''

@description('Resource group name; empty means rg-<environmentName>.')
param resourceGroupName string = ''

@description('.NET version of the isolated worker on Flex Consumption (the project targets net10.0).')
@allowed([
  '8.0'
  '9.0'
  '10.0'
])
param functionAppRuntimeVersion string = '10.0'

@description('Most instances the Function App may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory per Function App instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('How files reach the archive: Stream (the app downloads and uploads them) or ServerSide (storage fetches public files itself with Put Blob From URL; the app reads each stored blob once to verify it, and streams whatever storage cannot fetch).')
@allowed([
  'Stream'
  'ServerSide'
])
param archiveCopyMode string = 'Stream'

@description('Accept only Entra ID authenticated telemetry in Application Insights. The worker\'s Application Insights SDK must then be given a token credential for the managed identity (TelemetryConfiguration.SetAzureTokenCredential); the Functions host uses APPLICATIONINSIGHTS_AUTHENTICATION_STRING.')
param applicationInsightsDisableLocalAuth bool = true

// azd service name: must match the service key in azure.yaml (tagged as azd-service-name).
var serviceName = 'api'
var prefix = toLower(replace(namePrefix, '-', ''))
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'musicfunctions'
}

var names = {
  resourceGroup: empty(resourceGroupName) ? 'rg-${environmentName}' : resourceGroupName
  identity: 'id-${prefix}-${resourceToken}'
  logAnalytics: 'log-${prefix}-${resourceToken}'
  applicationInsights: 'appi-${prefix}-${resourceToken}'
  // Storage: 3-24 lowercase letters and digits.
  storage: take('st${prefix}${resourceToken}', 24)
  // Key Vault: 3-24 characters, starts with a letter, no trailing or double hyphen.
  keyVault: take('kv${prefix}${resourceToken}', 24)
  plan: 'plan-${prefix}-${resourceToken}'
  functionApp: 'func-${prefix}-${resourceToken}'
}

var archiveContainerName = 'music'
var deploymentContainerName = 'app-package'
var musicApiKeySecretName = 'music-api-key'
// Empty when no webhook secret was given: then neither the Key Vault secret nor the app setting exists.
var webhookSecretName = empty(webhookSecret) ? '' : 'webhook-secret'
var queueNames = [
  'music-requests'
  'music-requests-invalid'
  'music-results'
]

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: names.resourceGroup
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
    disableLocalAuth: applicationInsightsDisableLocalAuth
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
    archiveContainerName: archiveContainerName
    deploymentContainerName: deploymentContainerName
    queueNames: queueNames
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: names.keyVault
    location: location
    tags: tags
    musicApiKeySecretName: musicApiKeySecretName
    musicApiKey: musicApiKey
    webhookSecretName: webhookSecretName
    webhookSecret: webhookSecret
  }
}

// Module parameters that name existing resources use the names computed above (known
// before deployment) rather than module outputs, so What-If can evaluate the nested
// deployments; the order is kept with explicit dependsOn.
module roles 'modules/roles.bicep' = {
  name: 'roles'
  scope: rg
  params: {
    identityName: names.identity
    storageAccountName: names.storage
    keyVaultName: names.keyVault
    applicationInsightsName: names.applicationInsights
  }
  dependsOn: [
    identity
    storage
    keyVault
    monitoring
  ]
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: rg
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    serviceName: serviceName
    identityName: names.identity
    storageAccountName: names.storage
    deploymentContainerName: deploymentContainerName
    archiveContainerName: archiveContainerName
    archiveCopyMode: archiveCopyMode
    applicationInsightsName: names.applicationInsights
    keyVaultName: names.keyVault
    musicApiKeySecretName: musicApiKeySecretName
    webhookSecretName: webhookSecretName
    musicApiBaseUrl: musicApiBaseUrl
    runtimeVersion: functionAppRuntimeVersion
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
  // The host starts as soon as the app exists: its identity must already hold the storage,
  // Key Vault and telemetry roles (and the secret must exist) so the first start and the
  // Key Vault reference succeed. roles itself waits for identity, storage, vault and monitoring.
  dependsOn: [
    roles
  ]
}

// Outputs read by azd (they become environment values). Names and endpoints only:
// no keys, no connection strings, no secret values.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_SUBSCRIPTION_ID string = subscription().subscriptionId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_NAME string = functionApp.outputs.name
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = functionApp.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_STORAGE_QUEUE_ENDPOINT string = storage.outputs.queueEndpoint
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output AZURE_ARCHIVE_CONTAINER string = storage.outputs.archiveContainerName
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.vaultUri
output AZURE_USER_ASSIGNED_IDENTITY_NAME string = identity.outputs.name
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
