"""Summarise yesterday's support tickets with a Bedrock model.

Usage: python scripts/summarise_tickets.py tickets.jsonl
"""
import json
import os
import sys

import boto3
from dotenv import load_dotenv

load_dotenv()

bedrock = boto3.client("bedrock-runtime", region_name=os.getenv("AWS_REGION", "us-east-1"))
MODEL_ID = os.getenv("BEDROCK_MODEL_ID", "meta.llama3-1-70b-instruct-v1:0")


def summarise(text: str) -> str:
    response = bedrock.converse(
        modelId=MODEL_ID,
        messages=[{"role": "user", "content": [{"text": f"Summarise this support ticket:\n{text}"}]}],
        inferenceConfig={"maxTokens": 300},
    )
    return response["output"]["message"]["content"][0]["text"]


if __name__ == "__main__":
    with open(sys.argv[1]) as tickets:
        for line in tickets:
            print(summarise(json.loads(line)["body"]))
