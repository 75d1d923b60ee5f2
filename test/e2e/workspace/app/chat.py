"""Fixture for GridLens's extension-host and browser tests: a Bedrock call in Singapore."""
import json

import boto3

MODEL_ID = "anthropic.claude-3-5-sonnet-20240620-v1:0"

client = boto3.client("bedrock-runtime", region_name="ap-southeast-1")


def ask(prompt: str) -> str:
    response = client.invoke_model(
        modelId=MODEL_ID,
        body=json.dumps({"messages": [{"role": "user", "content": prompt}], "max_tokens": 256}),
    )
    return json.loads(response["body"].read())["content"][0]["text"]
