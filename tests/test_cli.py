import json

from typer.testing import CliRunner

from tunesmith.cli import app

runner = CliRunner()


def test_help_on_every_command():
    for cmd in ["generate", "chat", "models"]:
        res = runner.invoke(app, [cmd, "--help"])
        assert res.exit_code == 0, res.output
        assert "Usage" in res.output


def test_generate_json_with_tiny_model():
    res = runner.invoke(app, ["generate", "Hello", "--model", "tiny-random", "--temperature", "0", "-t", "5",
                              "--json", "--quantize", "none"])
    assert res.exit_code == 0, res.output
    row = json.loads(res.output.strip().splitlines()[-1])
    assert row["completion_tokens"] == 5 and row["finish_reason"] == "length"


def test_bad_input_is_one_line_no_traceback():
    res = runner.invoke(app, ["generate", "Hello", "--model", "tiny-random", "--top-p", "1.5"])
    assert res.exit_code == 2
    assert "top_p" in res.output and "Traceback" not in res.output
    res = runner.invoke(app, ["generate", "Hello", "--model", "no-such-model"])
    assert res.exit_code == 2 and "unknown model" in res.output


def test_models_lists_registry():
    res = runner.invoke(app, ["models"])
    assert res.exit_code == 0 and "tiny-random" in res.output


def test_chat_session_reset_and_exit():
    res = runner.invoke(app, ["chat", "--model", "tiny-random", "--quantize", "none", "-t", "3"],
                        input="hello\n/reset\n/exit\n")
    assert res.exit_code == 0, res.output
    assert "history cleared" in res.output
