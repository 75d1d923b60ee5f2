provider "aws" {
  region = var.region
}

resource "aws_bedrockagent_agent" "triage" {
  agent_name       = "triage"
  foundation_model = "anthropic.claude-3-haiku-20240307-v1:0"
}
