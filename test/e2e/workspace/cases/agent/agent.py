import vertexai
from vertexai.generative_models import GenerativeModel

from config import MODEL, REGION

vertexai.init(project="demo-project", location=REGION)
model = GenerativeModel(MODEL)
fallback = GenerativeModel("gemini-1.5-flash-8b")


def reply(prompt: str) -> str:
    return model.generate_content(prompt).text
