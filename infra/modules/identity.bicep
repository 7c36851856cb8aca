// User-assigned managed identity used by the Function App for everything:
// host storage (AzureWebJobsStorage), the archive, the Flex deployment package,
// Key Vault references and Application Insights (Entra ID) ingestion.
// A user-assigned identity exists before the app does, so its roles can be granted
// before the app first starts (no race between app creation and role assignment).

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
