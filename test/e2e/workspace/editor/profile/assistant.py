import boto3

# The US cross-region profile: Bedrock routes each call to one of its US destination regions.
bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")


def reply(prompt: str) -> str:
    response = bedrock.converse(
        modelId="us.anthropic.claude-3-7-sonnet-20250219-v1:0",
        messages=[{"role": "user", "content": [{"text": prompt}]}],
    )
    return response["output"]["message"]["content"][0]["text"]
