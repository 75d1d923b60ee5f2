import json
import os

import boto3

runtime = boto3.client("bedrock-runtime")


def handler(event, context):
    body = json.dumps({"anthropic_version": "bedrock-2023-05-31", "max_tokens": 300, "messages": [{"role": "user", "content": event["text"]}]})
    reply = runtime.invoke_model(modelId=os.environ["MODEL_ID"], body=body)
    return json.loads(reply["body"].read())
