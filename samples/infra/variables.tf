variable "region" {
  description = "Region for the support bot"
  type        = string
  default     = "us-east-1"
}

variable "agent_model" {
  description = "Foundation model of the support agent"
  type        = string
  default     = "anthropic.claude-3-haiku-20240307-v1:0"
}
