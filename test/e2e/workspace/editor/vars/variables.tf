variable "region" {
  description = "Where the agent runs"
  type        = string
  default     = "ap-southeast-1"
}
