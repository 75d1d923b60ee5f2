import json
import os

import boto3

client = boto3.client("bedrock-runtime")


def handler(event, context):
    ticket = json.loads(event["body"])
    result = client.converse(
        modelId=os.environ["MODEL_ID"],
        messages=[{"role": "user", "content": [{"text": f"Classify: {ticket['subject']}"}]}],
    )
    return {"statusCode": 200, "body": json.dumps(result["output"])}
