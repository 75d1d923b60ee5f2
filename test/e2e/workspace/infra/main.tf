# Fixture for GridLens's extension-host and browser tests. A Terraform stack that calls Bedrock in a
# coal- and gas-heavy region; GridLens should point at cleaner regions for the same model.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

variable "model_id" {
  type    = string
  default = "meta.llama3-1-70b-instruct-v1:0"
}

resource "aws_bedrockagent_agent" "support" {
  agent_name       = "support-bot"
  foundation_model = var.model_id
  instruction      = "Answer support questions about the product catalogue."
}
