// An Azure OpenAI account whose region is written three times: location, a display-name tag and the endpoint.
resource openai 'Microsoft.CognitiveServices/accounts@2023-05-01' = {
  name: 'chat-eastus-openai'
  location: 'eastus'
  kind: 'OpenAI'
  sku: { name: 'S0' }
  properties: { customSubDomainName: 'chat-eastus-openai' }
  tags: {
    regionName: 'East US'
    endpoint: 'https://eastus.api.cognitive.microsoft.com/'
  }
}

resource chat 'Microsoft.CognitiveServices/accounts/deployments@2023-05-01' = {
  parent: openai
  name: 'chat'
  sku: { name: 'Standard', capacity: 10 }
  properties: { model: { format: 'OpenAI', name: 'gpt-4o', version: '2024-08-06' } }
}
