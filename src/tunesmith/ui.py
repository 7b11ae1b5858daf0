"""The web page: Gradio Blocks mounted into the FastAPI app at ``/``.

Every callback is a thin call into the Python API (Humanizer, Generator, load_model); the
page uses system fonts only, so it renders and works offline.
"""

from __future__ import annotations

import json
from typing import Any

import gradio as gr

from .config import SamplingParams, build
from .engine.pool import parse_models
from .errors import TunesmithError

CSS = """
#hz-output .textspan { font-size: 1rem; }
footer { display: none !important; }
"""


def _diff_spans(diff: list[dict[str, str]]) -> list[tuple[str, str | None]]:
    """Word diff -> HighlightedText spans: changed words highlighted, removed ones shown struck."""
    spans: list[tuple[str, str | None]] = []
    for op in diff:
        if op["op"] == "equal":
            spans.append((op["after"], None))
        elif op["after"]:
            spans.append((op["after"], "changed"))
    return spans


def _score_table(res: dict[str, Any]) -> str:
    b, a = res["scores_before"], res["scores_after"]
    facts = "all kept ✓" if res["facts_kept"] else f"LOST: {', '.join(res['missing_facts'])}"
    return "\n".join([
        f"**{res['message']}**", "",
        "| score | before | after |", "|---|---|---|",
        f"| AI phrases / 100 words | {b['ai_phrase_density']} | {a['ai_phrase_density']} |",
        f"| readability (Flesch) | {b['readability']} | {a['readability']} |",
        f"| contractions | {b['contractions']} | {a['contractions']} |",
        f"| avg words / sentence | {b['avg_sentence_words']} | {a['avg_sentence_words']} |",
        f"| meaning similarity | | {res['similarity']:.2f} |",
        f"| facts ({len(res['facts'])}) | | {facts} |",
        "", f"_{res['seconds']} s_",
    ])


def _parts(res: dict[str, Any]) -> list[tuple[str, str | None]]:
    """Each part of the output labelled rewritten / rule-edited / kept (failed checks stand out)."""
    spans: list[tuple[str, str | None]] = []
    for c in res["chunks"]:
        if not c["source"].strip():
            continue
        label = c["status"] if c["status"] == "rewritten" else f"{c['status']}: {c['reason']}"
        spans.append((c["output"], label))
        spans.append(("\n", None))
    return spans


def build_blocks(state, settings) -> gr.Blocks:
    """Construct the page; ``state`` is the server's State (models load on first use)."""

    def do_humanize(text, tone, strength, keep, candidates, alternatives):
        if not text or not text.strip():
            raise gr.Error("Paste some text to humanize first.")
        st = state.ready()
        try:  # the server's limits and deadline, as for /humanize
            st.limits.text(text)
            res = st.humanizer.humanize(text, tone=tone, strength=strength,
                                        keep_terms=[k.strip() for k in (keep or "").split(",") if k.strip()],
                                        candidates=int(candidates), alternatives=int(alternatives),
                                        max_chunks=st.limits.max_humanize_chunks).to_dict()
        except TunesmithError as err:
            raise gr.Error(err.message) from None
        alts = "\n\n---\n\n".join(res["alternatives"]) or "_(no alternatives requested)_"
        return res["humanized_text"], _diff_spans(res["diff"]), _score_table(res), alts, _parts(res)

    def sampling(temperature, top_k, top_p, min_p, typical_p, rep, no_repeat, beams, max_new, stop, seed):
        try:
            return build(SamplingParams, temperature=temperature, top_k=int(top_k), top_p=top_p, min_p=min_p,
                         typical_p=typical_p, repetition_penalty=rep, no_repeat_ngram_size=int(no_repeat),
                         num_beams=int(beams), max_new_tokens=int(max_new),
                         stop=[s for s in (stop or "").split("|") if s], seed=int(seed) if seed not in (None, "") else None)
        except TunesmithError as err:
            raise gr.Error(err.message) from None

    def do_generate(prompt, chat, *controls):
        if not prompt or not prompt.strip():
            raise gr.Error("Write a prompt first.")
        params = sampling(*controls)
        st = state.ready()
        gen = st.engine  # the page shares the running batch, the queue and the limits with the API
        text_in = gen.chat_prompt([{"role": "user", "content": prompt}]) if chat else prompt
        try:
            st.limits.generation([text_in], params)
        except TunesmithError as err:
            raise gr.Error(err.message) from None
        if params.num_beams > 1:
            yield gen.generate(text_in, params)[0].text
            return
        out = ""
        for chunk in gen.stream(text_in, params):
            out += chunk.text
            yield out

    def do_compare(prompt, model_name, chat, max_new):
        if not prompt or not prompt.strip():
            raise gr.Error("Write a prompt first.")
        st = state.ready()
        params = SamplingParams(temperature=0, max_new_tokens=int(max_new))
        try:  # only models this server serves (TUNESMITH_MODELS), through their engines and limits
            base, tuned = st.pool.get(None), st.pool.get(model_name)
            wrap = (lambda g: g.chat_prompt([{"role": "user", "content": prompt}])) if chat else (lambda g: prompt)
            st.limits.generation([wrap(base)], params)
            return base.generate(wrap(base), params)[0].text, tuned.generate(wrap(tuned), params)[0].text
        except TunesmithError as err:
            raise gr.Error(err.message) from None

    def do_info():
        st = state.ready()
        return json.dumps({**st.engine.info(), "served_models": st.pool.names(), "loaded_mb": st.pool.loaded(),
                           "humanizer": st.humanizer.info()}, indent=2, default=str)

    with gr.Blocks(title="tunesmith", analytics_enabled=False) as blocks:
        gr.Markdown("# tunesmith\nHumanize AI-sounding text without changing the facts; generate and compare "
                    "with small language models. API docs: [/docs](/docs)")
        with gr.Tab("Humanize"):
            with gr.Row():
                with gr.Column():
                    hz_in = gr.Textbox(label="Text to humanize", lines=10, elem_id="hz-input",
                                       placeholder="Paste formal, robotic text here…")
                    with gr.Row():
                        tone = gr.Radio(["casual", "conversational", "professional"], value="conversational",
                                        label="Tone")
                        strength = gr.Radio(["light", "medium", "strong"], value="medium", label="Strength")
                    keep = gr.Textbox(label="Keep these terms verbatim (comma-separated)", lines=1)
                    with gr.Row():
                        cands = gr.Slider(1, 8, value=3, step=1, label="Candidates per part")
                        alts = gr.Slider(0, 3, value=0, step=1, label="Alternatives to show")
                    hz_btn = gr.Button("Humanize", variant="primary", elem_id="hz-button")
                with gr.Column():
                    hz_out = gr.Textbox(label="Humanized text", lines=10, buttons=["copy"], elem_id="hz-output-text")
                    hz_diff = gr.HighlightedText(label="What changed", color_map={"changed": "#ffd166"},
                                                 combine_adjacent=True, elem_id="hz-output")
                    hz_parts = gr.HighlightedText(label="Per part: rewritten / rule-edited / kept (and why)",
                                                  show_legend=False, elem_id="hz-parts")
                    hz_scores = gr.Markdown(elem_id="hz-scores")
                    hz_alts = gr.Markdown(label="Alternatives")
            hz_btn.click(do_humanize, [hz_in, tone, strength, keep, cands, alts],
                         [hz_out, hz_diff, hz_scores, hz_alts, hz_parts])
        with gr.Tab("Generate"):
            with gr.Row():
                with gr.Column():
                    g_prompt = gr.Textbox(label="Prompt", lines=5)
                    g_chat = gr.Checkbox(value=True, label="Use the chat template (instruct model)")
                    with gr.Accordion("Sampling", open=False):
                        controls = [
                            gr.Slider(0, 2, value=0.7, step=0.05, label="temperature (0 = greedy)"),
                            gr.Slider(0, 200, value=0, step=1, label="top_k (0 = off)"),
                            gr.Slider(0.05, 1, value=0.95, step=0.01, label="top_p"),
                            gr.Slider(0, 0.5, value=0, step=0.01, label="min_p"),
                            gr.Slider(0.05, 1, value=1, step=0.01, label="typical_p"),
                            gr.Slider(1, 2, value=1.1, step=0.01, label="repetition_penalty"),
                            gr.Slider(0, 10, value=0, step=1, label="no_repeat_ngram_size"),
                            gr.Slider(1, 8, value=1, step=1, label="num_beams"),
                            gr.Slider(1, settings.max_new_tokens, value=200, step=1, label="max_new_tokens"),
                            gr.Textbox(label="stop strings (separate with |)"),
                            gr.Number(value=None, label="seed", precision=0),
                        ]
                    g_btn = gr.Button("Generate", variant="primary")
                g_out = gr.Textbox(label="Output (streamed)", lines=16, buttons=["copy"])
            g_btn.click(do_generate, [g_prompt, g_chat, *controls], g_out)
        with gr.Tab("Compare"):
            c_prompt = gr.Textbox(label="Prompt", lines=4, value="RECIPE: Banana Bread\nINGREDIENTS:")
            with gr.Row():
                served = [settings.model] + [m.name for m in parse_models(settings.models)]
                c_run = gr.Dropdown(served, value=served[-1], label="Served model (TUNESMITH_MODELS adds more)")
                c_chat = gr.Checkbox(value=False, label="Use the chat template")
                c_max = gr.Slider(8, 512, value=160, step=1, label="max_new_tokens")
            c_btn = gr.Button("Compare", variant="primary")
            with gr.Row():
                c_base = gr.Textbox(label="Base model", lines=12)
                c_tuned = gr.Textbox(label="Fine-tuned", lines=12)
            c_btn.click(do_compare, [c_prompt, c_run, c_chat, c_max], [c_base, c_tuned])
        with gr.Tab("Model info"):
            info_btn = gr.Button("Refresh")
            info_box = gr.Code(language="json", label="Loaded models")
            info_btn.click(do_info, None, info_box)
    return blocks


def mount_ui(app, state, settings):
    """Mount the page at ``/``; with API keys configured the page asks for one (no side door)."""
    from .serve.app import check_key

    blocks = build_blocks(state, settings)
    auth = (lambda user, password: check_key(settings, password)) if settings.keys else None
    # System fonts only: the default theme pulls Google Fonts, which an offline machine can't reach.
    theme = gr.themes.Default(font=["system-ui", "Segoe UI", "Roboto", "sans-serif"],
                              font_mono=["ui-monospace", "Consolas", "monospace"])
    return gr.mount_gradio_app(app, blocks, path="/", auth=auth, theme=theme, css=CSS, footer_links=[],
                               auth_message="Enter any user name and one of the server's API keys as the password.")
