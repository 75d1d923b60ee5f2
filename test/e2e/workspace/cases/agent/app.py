# Sessions in DynamoDB, uploads in S3, answers from Bedrock: every client sits in us-east-1.
import boto3

sessions = boto3.client("dynamodb", region_name="us-east-1")
uploads = boto3.client("s3", region_name="us-east-1")
runtime = boto3.client("bedrock-runtime", region_name="us-east-1")

# runtime.converse(modelId="anthropic.claude-3-haiku-20240307-v1:0")  # the old model, kept for reference
KNOWLEDGE_BASE = "arn:aws:bedrock:us-east-1:111122223333:knowledge-base/KB12345678"


def answer(question: str) -> str:
    reply = runtime.converse(modelId="meta.llama3-3-70b-instruct-v1:0", messages=[{"role": "user", "content": [{"text": question}]}])
    return reply["output"]["message"]["content"][0]["text"]


def review(question: str) -> str:
    reply = runtime.converse(modelId="us.anthropic.claude-3-7-sonnet-20250219-v1:0", messages=[{"role": "user", "content": [{"text": question}]}])
    return reply["output"]["message"]["content"][0]["text"]


def draft(question: str) -> str:
    reply = runtime.converse(modelId="cohere.unheard-of-lm-v1:0", messages=[{"role": "user", "content": [{"text": question}]}])
    return reply["output"]["message"]["content"][0]["text"]
