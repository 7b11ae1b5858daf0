"""The web page: Gradio Blocks mounted into the FastAPI app at ``/``.

Every callback is a thin call into the Python API (Humanizer, Generator, load_model); the
page uses system fonts only, so it renders and works offline.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import gradio as gr

from .config import SamplingParams, build, field_range
from .engine import QueueFull
from .engine.pool import parse_models
from .errors import Cancelled, TunesmithError
from .humanize import HumanizeOptions
from .jobs.files import SUFFIXES

SHIPPED_VOICE = "(the server's humanizer)"
JOB_COLUMNS = ("job", "status", "step", "base model", "fine-tuned model", "created")

CSS = """
#hz-output .textspan { font-size: 1rem; }
/* a part's reason is a sentence to read, not a tag: no capitals, no breaks inside words */
#hz-parts .label { text-transform: none; white-space: normal; word-break: normal; overflow-wrap: normal; }
footer { display: none !important; }
"""

# The page's sampling controls: one per SamplingParams field, in the field order, with its range,
# help and starting value from the field unless the page starts elsewhere (n is left out: the page
# streams one answer).
PAGE_STARTS = {"top_p": 0.95, "repetition_penalty": 1.1, "max_new_tokens": 200, "stop": ""}
PAGE_SAMPLING = {name: PAGE_STARTS.get(name, field.default)
                 for name, field in SamplingParams.model_fields.items() if name != "n"}
SLIDER_CAPS = {"top_k": 200, "no_repeat_ngram_size": 10, "num_beams": 8}  # the useful part of a wide range


def sampling_control(name: str, max_new_tokens: int):
    """A page control for one SamplingParams field: a slider over the field's own range."""
    field = SamplingParams.model_fields[name]
    lo, hi, where = field_range(SamplingParams, name)
    info = field.description
    if name == "stop":
        return gr.Textbox(label="stop strings (separate with |)", info=info)
    if name == "seed":
        return gr.Number(value=None, label="seed", precision=0, info=info)
    integer = field.annotation is int
    step = 1 if integer else 0.05 if name == "temperature" else 0.01
    hi = min(hi, SLIDER_CAPS.get(name, hi), max_new_tokens if name == "max_new_tokens" else hi)
    meta = field.metadata
    if any(getattr(r, "gt", None) is not None for r in meta):
        lo = lo + step  # an open lower bound: the slider starts one step inside it
    if any(getattr(r, "lt", None) is not None for r in meta):
        hi = hi - step
    value = min(max(PAGE_SAMPLING[name], lo), hi)
    return gr.Slider(lo, hi, value=value, step=step, label=name, info=f"{info} Range {where}.")


def _diff_spans(diff: list[dict[str, str]]) -> list[tuple[str, str | None]]:
    """Word diff -> HighlightedText spans: what went is shown as "removed", then what came as "new"
    (a dropped "It is important to note that" was invisible when only new words were marked)."""
    spans: list[tuple[str, str | None]] = []
    for op in diff:
        if op["op"] == "equal":
            spans.append((op["after"], None))
            continue
        if op["before"].strip():
            spans.append((op["before"], "removed"))
        if op["after"].strip():
            spans.append((op["after"], "new"))
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
        # (a reason that names its status already, "rule-edited; no model rewrite passed: ...", is not repeated)
        reason = c["reason"] if c["reason"].startswith(c["status"].split("-")[0]) else f"{c['status']}: {c['reason']}"
        label = c["status"] if c["status"] == "rewritten" else reason
        spans.append((c["output"], label))
        spans.append(("\n", None))
    return spans


def build_blocks(state, settings) -> gr.Blocks:
    """Construct the page; ``state`` is the server's State (models load on first use)."""

    def voices() -> list[str]:
        return [SHIPPED_VOICE, *state.jobs.voice_names()]

    def do_humanize(text, voice, tone, strength, keep, candidates, alternatives, use_model=True):
        if not text or not text.strip():
            raise gr.Error("Paste some text to humanize first.")
        st = state.ready()
        voice = None if voice in (None, "", SHIPPED_VOICE) else voice
        opts = {"tone": tone, "strength": strength, "candidates": int(candidates), "alternatives": int(alternatives),
                "keep_terms": [k.strip() for k in (keep or "").split(",") if k.strip()], "use_model": bool(use_model)}
        try:  # the server's limits, queue and deadline, as for /humanize
            res = st.humanize(text, opts, voice).to_dict()
        except TunesmithError as err:
            raise gr.Error(err.message) from None
        except QueueFull:
            raise gr.Error("The server is busy (its queue is full); try again in a few seconds.") from None
        except Cancelled:
            raise gr.Error(f"Humanizing took longer than the server's limit of {settings.request_timeout:.0f} s; "
                           "try a shorter text.") from None
        alts = "\n\n---\n\n".join(res["alternatives"]) or "_(no alternatives requested)_"
        return res["humanized_text"], _diff_spans(res["diff"]), _score_table(res), alts, _parts(res)

    def sampling(*values):
        chosen = dict(zip(PAGE_SAMPLING, values))
        chosen["stop"] = [x for x in (chosen.get("stop") or "").split("|") if x]
        chosen["seed"] = None if chosen.get("seed") in (None, "") else int(chosen["seed"])
        for name, field in SamplingParams.model_fields.items():  # sliders hand back floats
            if name in chosen and field.annotation is int:
                chosen[name] = int(chosen[name])
        try:
            return build(SamplingParams, chosen)
        except TunesmithError as err:
            raise gr.Error(err.message) from None

    def served_models() -> list[str]:
        """Configured models, then finished fine-tuning jobs' models (newest first)."""
        names = [settings.model] + [m.name for m in parse_models(settings.models)]
        return list(dict.fromkeys(names + state.jobs.model_names()))

    def do_generate(model_name, prompt, chat, *controls):
        if not prompt or not prompt.strip():
            raise gr.Error("Write a prompt first.")
        params = sampling(*controls)
        st = state.ready()
        try:  # the page shares the running batch, the queue and the limits with the API
            gen = st.pool.get(model_name or None)
        except TunesmithError as err:
            raise gr.Error(err.message) from None
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

    # ------------------------------------------------------------------ Fine-tune tab
    def ft_do_upload(path):
        if not path:
            return None, "", None
        try:
            with open(path, "rb") as fh:
                f = state.jobs.upload(Path(path).name, fh)
            preview = state.jobs.preview(f["id"])["preview"]
        except TunesmithError as err:
            raise gr.Error(err.message) from None
        return f["id"], f"**{f['filename']}**: format **{f['format']}**, {f['records']} records (`{f['id']}`)", preview

    def ft_do_start(file_id, voice, base, method, epochs, lr_mult, batch, rank, max_steps, suffix):
        if not file_id:
            raise gr.Error("Upload training data first.")
        extra: dict[str, Any] = {"method": method, "voice": bool(voice)}
        if voice:  # the voice recipe sets its own LoRA; epochs etc. still apply
            extra.pop("method")
        elif method == "lora":
            extra["lora"] = {"r": int(rank), "alpha": 2 * int(rank)}
        if max_steps:
            extra["train"] = {"max_steps": int(max_steps)}
        try:
            job = state.jobs.create(model=base, training_file=file_id, suffix=(suffix or "").strip() or None,
                                    hyperparameters={"n_epochs": int(epochs), "batch_size": int(batch),
                                                     "learning_rate_multiplier": float(lr_mult)}, tunesmith=extra)
        except TunesmithError as err:
            raise gr.Error(err.message) from None
        gr.Info(f"Job {job['id']} {job['status']}")
        return gr.update(choices=[job["id"]], value=job["id"])

    def ft_refresh(job_id):
        """Everything the tab shows, read from the job store (so a reload or a second browser sees it)."""
        jobs, _ = state.jobs.jobs(limit=50)
        table = [[j["id"], j["status"], f"{j['tunesmith']['step']}/{j['tunesmith']['total_steps'] or '?'}",
                  j["model"], j["fine_tuned_model"] or "",
                  time.strftime("%Y-%m-%d %H:%M", time.localtime(j["created_at"]))] for j in jobs]
        ids = [j["id"] for j in jobs]
        job_id = job_id if job_id in ids else (ids[0] if ids else None)
        if job_id is None:
            return table, gr.update(choices=[], value=None), "_No jobs yet._", None, ""
        job = state.jobs.job(job_id)
        status = f"**{job['status']}** · step {job['tunesmith']['step']}/{job['tunesmith']['total_steps'] or '?'}"
        if job["fine_tuned_model"]:
            status += f" · model `{job['fine_tuned_model']}`"
        if job["error"]:
            status += f"\n\n**Error** ({job['error']['code']}): {job['error']['message']}"
        points = [{"step": m["step"], "loss": m[k], "split": "train" if k == "train_loss" else "validation"}
                  for m in state.jobs.metrics(job_id) for k in ("train_loss", "valid_loss") if k in m]
        import pandas as pd

        # typed columns even when empty: the chart keeps the axis types of its first data
        plot = pd.DataFrame({"step": pd.Series([p["step"] for p in points], dtype="int64"),
                             "loss": pd.Series([p["loss"] for p in points], dtype="float64"),
                             "split": pd.Series([p["split"] for p in points], dtype="str")})
        events, _ = state.jobs.events(job_id, limit=30)
        log = "\n".join(f"{time.strftime('%H:%M:%S', time.localtime(e['created_at']))} {e['message']}"
                         for e in events)
        return table, gr.update(choices=ids, value=job_id), status, plot, log

    def ft_do_cancel(job_id):
        if not job_id:
            raise gr.Error("Choose a job first.")
        try:
            state.jobs.cancel(job_id)
        except TunesmithError as err:
            raise gr.Error(err.message) from None
        return ft_refresh(job_id)

    def ft_do_try(job_id):
        job = state.jobs.job(job_id) if job_id else None
        if not job or not job["fine_tuned_model"]:
            raise gr.Error("This job has no model yet: wait until it succeeds.")
        name = job["fine_tuned_model"]
        if name in state.jobs.voice_names():  # a humanizer in the user's voice: open Humanize with it
            return gr.update(), gr.update(choices=voices(), value=name), gr.Tabs(selected="humanize")
        return gr.update(choices=served_models(), value=name), gr.update(), gr.Tabs(selected="generate")

    with gr.Blocks(title="tunesmith", analytics_enabled=False) as blocks:
        gr.Markdown("# tunesmith\nHumanize AI-sounding text without changing the facts; generate and compare "
                    "with small language models. API docs: [/docs](/docs)")
        with gr.Tabs() as tabs:
            with gr.Tab("Humanize", id="humanize"):
                with gr.Row():
                    with gr.Column():
                        hz_in = gr.Textbox(label="Text to humanize", lines=10, elem_id="hz-input",
                                           placeholder="Paste formal, robotic text here…")
                        with gr.Row():
                            tone = gr.Radio(["casual", "conversational", "professional"], value="conversational",
                                            label="Tone")
                            strength = gr.Radio(["light", "medium", "strong"], value="medium", label="Strength")
                        keep = gr.Textbox(label="Keep these terms verbatim (comma-separated)", lines=1)
                        hz_voice = gr.Dropdown(voices(), value=SHIPPED_VOICE, allow_custom_value=True,
                                               label="Voice (train yours in the Fine-tune tab)", elem_id="hz-voice")
                        with gr.Row():
                            cands = gr.Slider(1, 8, value=HumanizeOptions.model_fields["candidates"].default, step=1,
                                              label="Candidates per part")
                            alts = gr.Slider(0, 3, value=0, step=1, label="Alternatives to show")
                        use_model = gr.Checkbox(HumanizeOptions.model_fields["use_model"].default, elem_id="hz-use-model",
                                                label="Model rewrites too (off: the verified rule edit only, instant; "
                                                      "blind judges preferred it)")
                        hz_btn = gr.Button("Humanize", variant="primary", elem_id="hz-button")
                    with gr.Column():
                        hz_out = gr.Textbox(label="Humanized text", lines=10, buttons=["copy"], elem_id="hz-output-text")
                        hz_diff = gr.HighlightedText(label="What changed",
                                                     color_map={"removed": "#f4a6a6", "new": "#ffd166"},
                                                     combine_adjacent=True, show_legend=True, elem_id="hz-output")
                        hz_parts = gr.HighlightedText(label="Per part: rewritten / rule-edited / kept (and why)",
                                                      show_legend=False, elem_id="hz-parts")
                        hz_scores = gr.Markdown(elem_id="hz-scores")
                        hz_alts = gr.Markdown(label="Alternatives")
                hz_btn.click(do_humanize, [hz_in, hz_voice, tone, strength, keep, cands, alts, use_model],
                             [hz_out, hz_diff, hz_scores, hz_alts, hz_parts])
            with gr.Tab("Generate", id="generate"):
                with gr.Row():
                    with gr.Column():
                        g_model = gr.Dropdown(served_models(), value=settings.model, label="Model",
                                              allow_custom_value=True, elem_id="g-model")
                        g_prompt = gr.Textbox(label="Prompt", lines=5, elem_id="g-prompt")
                        g_chat = gr.Checkbox(value=True, label="Use the chat template (instruct model)")
                        with gr.Accordion("Sampling", open=False):
                            controls = [sampling_control(name, settings.max_new_tokens) for name in PAGE_SAMPLING]
                        g_btn = gr.Button("Generate", variant="primary", elem_id="g-button")
                    g_out = gr.Textbox(label="Output (streamed)", lines=16, buttons=["copy"], elem_id="g-output")
                g_btn.click(do_generate, [g_model, g_prompt, g_chat, *controls], g_out)
            with gr.Tab("Fine-tune", id="finetune"):
                gr.Markdown("Train the model on your own text. Upload JSONL (prompt/completion, chat `messages`, "
                            "`text`, or formal/natural pairs), CSV, parquet or plain text; jobs run on the server's "
                            "workers, survive a reload and can be watched from any browser.")
                ft_file_id = gr.State(None)
                with gr.Row():
                    with gr.Column():
                        ft_file = gr.File(label="Training data", file_types=list(SUFFIXES), type="filepath",
                                          elem_id="ft-file")
                        ft_info = gr.Markdown(elem_id="ft-info")
                        ft_preview = gr.JSON(label="First records", elem_id="ft-preview")
                    with gr.Column():
                        ft_base = gr.Dropdown(served_models(), value=settings.model, allow_custom_value=True,
                                              label="Base model (or a finished job's model)", elem_id="ft-base")
                        ft_voice = gr.Checkbox(False, label="Your voice: train the humanizer on samples of your own "
                                               "writing (.txt / .md); use it from the Humanize tab", elem_id="ft-voice")
                        ft_method = gr.Radio(["lora", "full"], value="lora", label="Method (LoRA: fast, small)")
                        with gr.Row():
                            ft_epochs = gr.Number(3, precision=0, minimum=1, maximum=50, label="Epochs")
                            ft_batch = gr.Number(4, precision=0, minimum=1, maximum=256, label="Batch size")
                        with gr.Row():
                            ft_lr = gr.Number(1.0, minimum=0.001, maximum=10, label="Learning-rate multiplier")
                            ft_rank = gr.Number(16, precision=0, minimum=1, maximum=256, label="LoRA rank")
                        with gr.Row():
                            ft_steps = gr.Number(0, precision=0, minimum=0, label="Max steps (0: by epochs)",
                                                 elem_id="ft-steps")
                            ft_suffix = gr.Textbox(label="Name suffix", max_lines=1, elem_id="ft-suffix")
                        ft_start = gr.Button("Start fine-tuning", variant="primary", elem_id="ft-start")
                gr.Markdown("### Jobs")
                ft_table = gr.Dataframe(headers=list(JOB_COLUMNS), interactive=False, elem_id="ft-jobs")
                with gr.Row():
                    ft_job = gr.Dropdown([], label="Job", elem_id="ft-job", scale=3)
                    ft_cancel = gr.Button("Cancel job", elem_id="ft-cancel", scale=1)
                    ft_try = gr.Button("Try it", elem_id="ft-try", scale=1)
                ft_status = gr.Markdown(elem_id="ft-status")
                ft_plot = gr.LinePlot(x="step", y="loss", color="split", label="Loss", elem_id="ft-plot",
                                      height=280)
                ft_events = gr.Textbox(label="Events (newest first)", lines=8, elem_id="ft-events")
                ft_timer = gr.Timer(2.0)
                ft_file.upload(ft_do_upload, ft_file, [ft_file_id, ft_info, ft_preview])
                ft_start.click(ft_do_start, [ft_file_id, ft_voice, ft_base, ft_method, ft_epochs, ft_lr, ft_batch,
                                             ft_rank, ft_steps, ft_suffix], [ft_job])
                view = [ft_table, ft_job, ft_status, ft_plot, ft_events]
                ft_timer.tick(ft_refresh, ft_job, view)
                blocks.load(ft_refresh, ft_job, view)
                ft_job.change(ft_refresh, ft_job, view)
                ft_cancel.click(ft_do_cancel, ft_job, view)
                ft_try.click(ft_do_try, ft_job, [g_model, hz_voice, tabs])
            with gr.Tab("Compare"):
                c_prompt = gr.Textbox(label="Prompt", lines=4, value="RECIPE: Banana Bread\nINGREDIENTS:")
                with gr.Row():
                    served = served_models()
                    c_run = gr.Dropdown(served, value=served[-1], label="Served model (TUNESMITH_MODELS adds more)")
                    c_chat = gr.Checkbox(value=False, label="Use the chat template")
                    c_max = gr.Slider(1, settings.max_new_tokens, value=min(160, settings.max_new_tokens), step=1,
                                      label="max_new_tokens")
                c_btn = gr.Button("Compare", variant="primary")
                with gr.Row():
                    c_base = gr.Textbox(label="Base model", lines=12)
                    c_tuned = gr.Textbox(label="Fine-tuned", lines=12)
                c_btn.click(do_compare, [c_prompt, c_run, c_chat, c_max], [c_base, c_tuned])
            with gr.Tab("Model info"):
                info_btn = gr.Button("Refresh")
                info_box = gr.Code(language="json", label="Loaded models")
                info_btn.click(do_info, None, info_box)

        def lists():
            # Models fine-tuned and voices trained since the server started appear on the next page load.
            served, names = served_models(), voices()
            return (gr.update(choices=names), gr.update(choices=served), gr.update(choices=served),
                    gr.update(choices=served))

        blocks.load(lists, None, [hz_voice, g_model, ft_base, c_run])
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
