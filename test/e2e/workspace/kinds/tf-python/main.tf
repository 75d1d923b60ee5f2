provider "aws" {
  region = "eu-west-1"
}

resource "aws_lambda_function" "summarise" {
  function_name = "summarise"
  runtime       = "python3.12"
  handler       = "summarise.handler"
  filename      = "summarise.zip"
  role          = aws_iam_role.summarise.arn

  environment {
    variables = {
      MODEL_ID = "anthropic.claude-3-haiku-20240307-v1:0"
    }
  }
}
