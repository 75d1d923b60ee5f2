import os

import boto3

client = boto3.client("bedrock-runtime")


def handler(event, context):
    reply = client.converse(modelId=os.environ["MODEL_ID"], messages=[{"role": "user", "content": [{"text": event["question"]}]}])
    return reply["output"]["message"]["content"][0]["text"]
