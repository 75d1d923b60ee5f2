import json

import boto3

# Singapore today; see the capacity plan before moving.
client = boto3.client("bedrock-runtime", region_name="ap-southeast-1")


def summarise(text: str) -> str:
    response = client.invoke_model(
        modelId="anthropic.claude-3-haiku-20240307-v1:0",
        body=json.dumps({"messages": [{"role": "user", "content": text}], "max_tokens": 256}),
    )
    return json.loads(response["body"].read())["content"][0]["text"]
