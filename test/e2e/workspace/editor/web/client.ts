import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';

const client = new BedrockRuntimeClient({ region: 'us-east-1' });

export async function ask(question: string): Promise<string | undefined> {
  const response = await client.send(new ConverseCommand({
    modelId: 'mistral.mixtral-8x7b-instruct-v0:1',
    messages: [{ role: 'user', content: [{ text: question }] }],
  }));
  return response.output?.message?.content?.[0]?.text;
}
