"""Settings the agent reads at start-up."""

REGION = "us-central1"
MODEL = "gemini-2.0-flash-001"
