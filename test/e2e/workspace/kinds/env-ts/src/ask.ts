import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';

const client = new BedrockRuntimeClient({ region: process.env.AWS_REGION });

export async function ask(question: string): Promise<string | undefined> {
  const reply = await client.send(new ConverseCommand({ modelId: 'mistral.mistral-large-2402-v1:0', messages: [{ role: 'user', content: [{ text: question }] }] }));
  return reply.output?.message?.content?.[0]?.text;
}
