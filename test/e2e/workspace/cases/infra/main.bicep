// Chat history in Cosmos DB, answers from Azure OpenAI.
resource history 'Microsoft.DocumentDB/databaseAccounts@2023-04-15' = {
  name: 'chat-history'
  location: 'northeurope'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [ { locationName: 'northeurope', failoverPriority: 0 } ]
  }
}

resource openai 'Microsoft.CognitiveServices/accounts@2023-05-01' = {
  name: 'chat-openai'
  location: 'westeurope'
  kind: 'OpenAI'
  sku: { name: 'S0' }
  tags: {
    regionName: 'West Europe'
    endpoint: 'https://westeurope.api.cognitive.microsoft.com/'
  }
}

resource chat 'Microsoft.CognitiveServices/accounts/deployments@2023-05-01' = {
  parent: openai
  name: 'chat'
  sku: { name: 'Standard', capacity: 10 }
  properties: { model: { format: 'OpenAI', name: 'gpt-4o', version: '2024-08-06' } }
}
