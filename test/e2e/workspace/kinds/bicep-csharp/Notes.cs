using Amazon;
using Amazon.BedrockRuntime;
using Amazon.BedrockRuntime.Model;

public static class Notes
{
    public static async Task<string> Summarise(string text)
    {
        var runtime = new AmazonBedrockRuntimeClient(RegionEndpoint.APSoutheast2);
        var request = new ConverseRequest
        {
            ModelId = "amazon.nova-lite-v1:0",
            Messages = new List<Message> { new Message { Role = ConversationRole.User } },
        };
        var reply = await runtime.ConverseAsync(request);
        return reply.Output.Message.Content[0].Text;
    }
}
