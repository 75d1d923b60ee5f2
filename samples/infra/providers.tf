terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.80" }
  }
  backend "s3" {
    bucket = "acme-terraform-state"
    key    = "support-bot/terraform.tfstate"
    region = "us-east-1"
  }
}

provider "aws" {
  region = var.region
}
