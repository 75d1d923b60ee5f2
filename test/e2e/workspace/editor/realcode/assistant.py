# An assistant that keeps its sessions in DynamoDB and asks Bedrock; both clients sit in the same region.
import boto3

sessions = boto3.client("dynamodb", region_name="us-east-1")
runtime = boto3.client("bedrock-runtime", region_name="us-east-1")

# Previously: runtime.converse(modelId="anthropic.claude-3-haiku-20240307-v1:0") in eu-west-1
COLLECTION_ARN = "arn:aws:aoss:us-east-1:111122223333:collection/kb-vectors"
POLICY_RESOURCE = "arn:aws:bedrock:us-east-1:123456789012:foundation-model/mistral.mistral-7b-instruct-v0:2"


def answer(question: str) -> str:
    reply = runtime.converse(modelId="mistral.mistral-7b-instruct-v0:2", messages=[{"role": "user", "content": [{"text": question}]}])
    return reply["output"]["message"]["content"][0]["text"]


def draft(question: str) -> str:
    reply = runtime.converse(modelId="cohere.imaginary-lm-v1:0", messages=[{"role": "user", "content": [{"text": question}]}])
    return reply["output"]["message"]["content"][0]["text"]
