// Flex Consumption (FC1) plan + Linux Function App running the .NET isolated worker.
// The app runs as the user-assigned identity and reaches storage, Key Vault and
// Application Insights only through Entra ID: no keys or connection secrets are set.

@description('Name of the Function App.')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region. Flex Consumption is available in a subset of regions.')
param location string

@description('Tags applied to the plan and the app (the app also gets azd-service-name).')
param tags object

@description('azd service name (must match the service in azure.yaml).')
param serviceName string

@description('Name of the user-assigned managed identity the app runs as.')
param identityName string

@description('Name of the storage account used for host storage, the archive and the deployment package.')
param storageAccountName string

@description('Blob container that receives the Flex Consumption deployment package.')
param deploymentContainerName string

@description('Blob container that holds the archive.')
param archiveContainerName string

@description('Archive:CopyMode: Stream or ServerSide (Put Blob From URL, falling back to streaming).')
@allowed([
  'Stream'
  'ServerSide'
])
param archiveCopyMode string = 'Stream'

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Name of the Key Vault that holds the music API key.')
param keyVaultName string

@description('Name of the Key Vault secret that holds the music API key.')
param musicApiKeySecretName string

@description('Name of the Key Vault secret that holds the webhook signing key; empty: webhooks off.')
param webhookSecretName string = ''

@description('Base URL of the music API.')
param musicApiBaseUrl string

@description('Worker runtime on Flex Consumption.')
@allowed([
  'dotnet-isolated'
])
param runtimeName string = 'dotnet-isolated'

@description('.NET version of the isolated worker (the project targets net10.0).')
@allowed([
  '8.0'
  '9.0'
  '10.0'
])
param runtimeVersion string = '10.0'

@description('Most instances the app may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory per instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

var identityId = identity.id
var identityClientId = identity.properties.clientId

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    // Flex Consumption runs on Linux.
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references in app settings are resolved with the user-assigned identity.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: runtimeName
        version: runtimeVersion
      }
    }
  }
}

// App settings. Flex Consumption sets the worker runtime and version from functionAppConfig:
// FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION must not be set here.
resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: union(settings, webhookSettings)
}

// Webhooks are signed with a key from Key Vault; without one the setting is absent and callbacks are refused.
var webhookSettings = empty(webhookSecretName) ? {} : {
  Events__WebhookSecret: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${webhookSecretName})'
}

var settings = {
  // Host storage and Durable Functions (Azure Storage backend), identity-based.
  AzureWebJobsStorage__accountName: storage.name
  AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId

  // Archive (MP3s and cover images), identity-based.
  ArchiveStorage__serviceUri: storage.properties.primaryEndpoints.blob
  ArchiveStorage__credential: 'managedidentity'
  ArchiveStorage__clientId: identityClientId
  Archive__Container: archiveContainerName
  Archive__CopyMode: archiveCopyMode

  // Music API: the key is a Key Vault reference, resolved by the platform with keyVaultReferenceIdentity.
  MusicApi__BaseUrl: musicApiBaseUrl
  MusicApi__ApiKey: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${musicApiKeySecretName})'

  // Pipelines: the queue the trigger listens on, and where result events go.
  MusicRequestsQueue: 'music-requests'
  RequestQueue__InvalidQueue: 'music-requests-invalid'
  Events__ResultsQueue: 'music-results'
  Polling__Mode: 'Adaptive'

  // DefaultAzureCredential in the worker picks the user-assigned identity.
  AZURE_CLIENT_ID: identityClientId

  // Telemetry with Entra ID auth (local auth is disabled on the component).
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
}

// No FTP or SCM basic-auth publishing: azd deploys with Entra ID (One Deploy to the blob container).
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

output id string = functionApp.id
output name string = functionApp.name
output planName string = plan.name
output defaultHostName string = functionApp.properties.defaultHostName
output uri string = 'https://${functionApp.properties.defaultHostName}'
