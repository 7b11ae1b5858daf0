import json, random
from tunesmith.generate import Generator
prompts = ["Give me three tips for sleeping better.", "What is a good name for a grey cat?", "Explain what a budget is in two sentences.",
"How do I boil an egg so the yolk stays soft?", "Why is the sky blue?", "Suggest a weekend hobby for someone who likes being outside.",
"What is photosynthesis?", "How can I focus while studying?", "Write a short thank-you note to a neighbour who watered my plants.",
"What should I pack for a two-day hiking trip?", "How do I politely decline a meeting invitation?", "What's the difference between weather and climate?",
"Give me a simple recipe for pancakes.", "How often should I water a cactus?", "What are some ways to save money on groceries?",
"Explain what a computer virus is to a ten-year-old.", "Write a haiku about autumn.", "How do I start running if I've never run before?",
"What is the capital of Australia?", "Suggest a name for a small bakery.", "Why do we have leap years?", "How can I make my emails sound friendlier?",
"What is a healthy breakfast I can make in five minutes?", "Tell me a fun fact about octopuses.", "How do I remove a coffee stain from a shirt?",
"What should I do if my laptop is running slowly?", "Write two sentences inviting friends to a picnic on Saturday.", "What is inflation?",
"How do I introduce myself at a new job?", "Recommend a board game for four players."]
gen = Generator()
configs = {"p07": dict(temperature=0.7), "m07": dict(temperature=0.7, min_p=0.05), "p10": dict(temperature=1.0), "m10": dict(temperature=1.0, min_p=0.05)}
out = []
for i, p in enumerate(prompts):
    row = {"id": i, "prompt": p}
    for name, c in configs.items():
        row[name] = gen.chat([{"role": "user", "content": p}], dict(c, max_new_tokens=160, seed=1000 + i))[0].text
    out.append(row); print(i, flush=True)
json.dump(out, open("/tmp/chatjudge/outputs.json", "w"), indent=1)
