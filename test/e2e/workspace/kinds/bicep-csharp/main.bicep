param location string = 'swedencentral'

resource openai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'notes-openai'
  location: location
  kind: 'OpenAI'
  sku: { name: 'S0' }
}

resource chat 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: openai
  name: 'chat'
  sku: { name: 'Standard', capacity: 10 }
  properties: {
    model: { format: 'OpenAI', name: 'gpt-4o-mini', version: '2024-07-18' }
  }
}
