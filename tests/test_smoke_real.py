"""End-to-end smoke tests with the real bundled model (marked slow)."""

import json

import pytest

from tunesmith.humanize import Humanizer

PASSAGE = ("We are pleased to inform you that the Riverside Library will commence extended opening hours on "
           "Monday, April 7, 2025. Furthermore, patrons will be able to utilize the new study rooms on the second "
           "floor from 8:00 a.m. to 10:00 p.m. It is important to note that bookings can be made at "
           "https://riverside-lib.example/rooms or by calling 555-0142.")


@pytest.fixture(scope="module")
def humanizer():
    return Humanizer(adapter="bundled")


@pytest.mark.slow
def test_shipped_humanizer_rewrites_and_keeps_facts(humanizer):
    res = humanizer.humanize(PASSAGE, use_model=True)  # (the model's pipeline; the default is the rule edit)
    assert res.facts_kept and res.missing_facts == []
    for fact in ["Riverside Library", "April 7, 2025", "8:00 a.m", "10:00 p.m", "https://riverside-lib.example/rooms",
                 "555-0142"]:
        assert fact in res.humanized_text
    if res.success:  # presented as a rewrite: it must really be one
        assert res.humanized_text != PASSAGE
        assert res.scores_after["ai_phrase_density"] < res.scores_before["ai_phrase_density"]
        assert res.similarity >= 0.7


@pytest.mark.slow
def test_humanize_cli_jsonl_batch(tmp_path):
    from typer.testing import CliRunner

    from tunesmith.cli import app

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": PASSAGE}) + "\n" + json.dumps({"id": "b", "text": "Hello there."}) + "\n")
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(app, ["humanize", "--jsonl", str(src), "-o", str(out), "--candidates", "2"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["a", "b"]
    assert all("humanized" in r and r["facts_kept"] for r in rows)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\n')
    res = CliRunner().invoke(app, ["humanize", "--jsonl", str(bad), "-o", str(out)])
    assert res.exit_code == 2 and "bad.jsonl:1" in res.output


@pytest.mark.slow
def test_server_for_another_model_keeps_the_shipped_humanizer_on_its_own_base(tmp_path):
    """`tunesmith serve --model RUN` (a from-scratch run, tiny-random, any HF model): /humanize
    still runs the shipped adapter on the bundled model it was trained for."""
    from tunesmith.models import DEFAULT_MODEL
    from tunesmith.serve.app import State
    from tunesmith.serve.settings import Settings

    state = State(Settings(_env_file=None, model="tiny-random", ui=False, workers=0, jobs_dir=str(tmp_path)))
    state.load()
    assert state.pool.get().name == "tiny-random"
    assert state.humanizer.generator.name == DEFAULT_MODEL
    res = state.humanizer.humanize("It is important to note that the store opens at 9:00 a.m. on Monday.")
    assert "9:00 a.m." in res.humanized_text and "Monday" in res.humanized_text
