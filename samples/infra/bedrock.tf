data "aws_region" "current" {}

resource "aws_iam_role" "agent" {
  name               = "support-bot-agent"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["bedrock.amazonaws.com"]
    }
  }
}

resource "aws_bedrockagent_agent" "support" {
  agent_name              = "support-bot"
  agent_resource_role_arn = aws_iam_role.agent.arn
  foundation_model        = var.agent_model
  instruction             = "You answer questions about orders, returns and delivery times for Acme customers."
}

resource "aws_bedrockagent_knowledge_base" "faq" {
  name     = "support-faq"
  role_arn = aws_iam_role.agent.arn
  knowledge_base_configuration {
    type = "VECTOR"
    vector_knowledge_base_configuration {
      embedding_model_arn = "arn:aws:bedrock:${data.aws_region.current.name}::foundation-model/amazon.titan-embed-text-v2:0"
    }
  }
  storage_configuration {
    type = "OPENSEARCH_SERVERLESS"
    opensearch_serverless_configuration {
      collection_arn    = "arn:aws:aoss:us-east-1:111122223333:collection/faq"
      vector_index_name = "faq"
      field_mapping {
        vector_field   = "embedding"
        text_field     = "text"
        metadata_field = "metadata"
      }
    }
  }
}
