"""Every ``commitments`` command, given a user mistake, exits non-zero with ONE readable line.

The mistakes: a malformed date, a path that does not exist (or is a file where a folder is
needed), a bad option value, a file that is not what the command reads. Each case runs the real
entry point (:func:`pipeline.cli.main`, which turns Click's usage errors, :class:`UserError` and
path errors into one line on stderr) in this process; a few also run the installed script in a
subprocess. :func:`test_cli_errors_cover_every_command` fails when a command is added without
rows here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import FIXTURES, SAMPLES

from pipeline.cli import app, main
from pipeline.settings import PROJECT_ROOT

SAMPLE = SAMPLES / "answers-sample.jsonl.gz"
LIST_FIXTURE = FIXTURES / "api" / "commons-2024-09-list.json"
MISSING = "/nonexistent/commitments-reliability"


@dataclass(frozen=True)
class Case:
    """One mistake: the command line (``{garbage}``, ``{file}``, ``{lake}``, ``{tmp}`` are
    filled in per test) and a fragment the one error line must contain."""

    kind: str
    args: tuple[str, ...]
    expect: str

    @property
    def command(self) -> str:
        words = [a for a in self.args if not a.startswith("-")]
        return " ".join(words[:2]) if words[0] == "evaluate" else words[0]


W = ("--from", "2024-09-09", "--to", "2024-09-10")
CASES = [
    # audit
    Case("date", ("audit", "--as-of", "2024-02-30"), "--as-of: not a date"),
    Case("path", ("audit", "--as-of", "2024-01-01", "--records", MISSING), "does not exist"),
    Case("option", ("audit", "--as-of", "2024-01-01", "--format", "pdf"), "'--format'"),
    Case("option", ("audit", "--as-of", "2024-01-01", "--due-soon-days", "-1"), "--due-soon"),
    Case("file", ("audit", "--as-of", "2024-01-01", "--records", "{garbage}"), "line 1"),
    Case("lake", ("audit", "--as-of", "2024-01-01", "--lake", "{tmp}/none"), "no table"),
    # predict
    Case("path", ("predict", MISSING, "--out", "{tmp}/p.jsonl"), "does not exist"),
    Case("path", ("predict", str(SAMPLE), "--out", "{file}/p.jsonl"), "File exists"),
    Case(
        "option",
        ("predict", str(SAMPLE), "--out", "{tmp}/p.jsonl", "--n-process", "0"),
        "'--n-process'",
    ),
    Case("file", ("predict", str(SAMPLE), "--out", "{tmp}/p.jsonl", "--ids", "{garbage}"), "JSON"),
    # run
    Case("date", ("run", "--from", "2024-13-01", "--to", "2024-13-02"), "--from: not a date"),
    Case("date", ("run", "--from", "2024-09-10", "--to", "2024-09-09"), "before --from"),
    Case("date", ("run", "--from", "2024-09-10"), "both --from and --to"),
    Case("path", ("run", "--source", MISSING), "no such file or folder"),
    Case("option", ("run", "--n-process", "zero"), "'--n-process'"),
    # backfill
    Case("date", ("backfill", "--from", "yesterday", "--to", "2024-01-01"), "--from: not a date"),
    Case("date", ("backfill", "--from", "2024-01-01"), "Missing option '--to'"),
    Case("path", ("backfill", *W, "--source", MISSING), "no such file or folder"),
    Case("option", ("backfill", *W, "--window-days", "0"), "'--window-days'"),
    Case("option", ("backfill", *W, "--dask", "local:many"), "--dask"),
    # serve
    Case("path", ("serve", "--source", MISSING), "no such file or folder"),
    Case("option", ("serve", "--cron", "every night"), "cron"),
    Case("option", ("serve", "--timezone", "Mars/Olympus_Mons"), "time zone"),
    Case("option", ("serve", "--n-process", "-1"), "'--n-process'"),
    # ingest
    Case(
        "date",
        ("ingest", "--source", str(SAMPLE), "--from", "2024-02-30", "--to", "2024-03-01"),
        "--from: not a date",
    ),
    Case("date", ("ingest", "--source", "api"), "needs a window"),
    Case("path", ("ingest", "--source", MISSING), "no such file or folder"),
    Case("path", ("ingest", "--source", str(LIST_FIXTURE), "--lake", "{file}"), "Not a directory"),
    Case("option", ("ingest", *W, "--rate", "fast"), "'--rate'"),
    Case("option", ("ingest", *W, "--rate", "100"), "'--rate'"),
    Case("option", ("ingest", *W, "--detail", "sometimes"), "--detail must be one of"),
    Case("option", ("ingest", *W, "--house", "Senate"), "house 'Senate' is not one of"),
    Case("option", ("ingest", *W, "--answering-body", "-5"), "positive"),
    Case("option", ("ingest", *W, "--answering-body", "DfE"), "'--answering-body'"),
    Case(
        "lake",
        ("ingest", "--source", str(LIST_FIXTURE), "--lake", "s4://bucket/lake"),
        "Unknown scheme: s4",
    ),
    # extract
    Case("date", ("extract", "--from", "2024-01-01", "--to", "01/02/2024"), "--to: not a date"),
    Case("path", ("extract", "--lake", "{tmp}/no-lake"), "no table 'answers'"),
    Case("option", ("extract", "--write-every", "0"), "'--write-every'"),
    # tables
    Case("option", ("tables", "--compact=yes"), "does not take a value"),
    Case("option", ("tables", "--lake"), "requires an argument"),
    # runs
    Case("option", ("runs", "--limit", "0"), "'--limit'"),
    Case("path", ("runs", "--lake", "{tmp}/no-lake"), "no lake at"),
    # export
    Case("option", ("export", "--table", "commitmentz"), "no table commitmentz"),
    Case("path", ("export", "--lake", "{lake}", "--out", "{file}"), "File exists"),
    # stats
    Case("path", ("stats", MISSING), "does not exist"),
    Case("option", ("stats", "{garbage}", "--top", "0"), "'--top'"),
    Case("file", ("stats", "{garbage}"), "not JSON"),
    # evaluate
    Case("path", ("evaluate", "gold", MISSING, MISSING), "does not exist"),
    Case("file", ("evaluate", "gold", "{garbage}", "{garbage}"), "not JSON"),
    Case("file", ("evaluate", "gold", "{utf16}", "{utf16}"), "not UTF-8"),
    Case("option", ("evaluate", "gold", "{garbage}", "{garbage}", "--errors", "-1"), "--errors"),
    Case("path", ("evaluate", "compare", MISSING, MISSING, MISSING), "does not exist"),
    Case("file", ("evaluate", "compare", "{garbage}", "{garbage}", "{garbage}"), "not JSON"),
    Case(
        "option",
        ("evaluate", "compare", "{garbage}", "{garbage}", "{garbage}", "--bootstrap", "0"),
        "--bootstrap",
    ),
    Case("path", ("evaluate", "diff", MISSING, MISSING), "does not exist"),
    Case("file", ("evaluate", "diff", "{garbage}", "{garbage}"), "not JSON"),
    Case("file", ("evaluate", "diff", "{utf16}", "{utf16}"), "not UTF-8"),
    Case("file", ("evaluate", "diff", "{utf16}", "{utf16}", "--hide-ids", "{garbage}"), "JSON"),
    Case(
        "option", ("evaluate", "diff", "{garbage}", "{garbage}", "--section", "dues"), "--section"
    ),
    Case("option", ("evaluate", "diff", "{garbage}", "{garbage}", "--parity", "3"), "--parity"),
    Case("path", ("evaluate", "timeml", MISSING), "does not exist"),
    Case("option", ("evaluate", "timeml", "{tmp}", "--profile", "nope"), "--profile"),
    Case("path", ("evaluate", "newsquant", MISSING), "does not exist"),
    Case("file", ("evaluate", "newsquant", "{garbage}"), "not a CQE-format benchmark"),
    Case("option", ("evaluate", "newsquant", "{garbage}", "--errors", "-2"), "'--errors'"),
    Case("path", ("evaluate", "vectors", MISSING), "does not exist"),
    Case("file", ("evaluate", "vectors", "{garbage}"), "not a vectors file"),
    Case("option", ("evaluate", "vectors", "{garbage}", "--errors", "x"), "'--errors'"),
    Case("path", ("evaluate", "baseline", MISSING, str(SAMPLE)), "does not exist"),
    Case("file", ("evaluate", "baseline", "{garbage}", str(SAMPLE)), "not JSON"),
    Case(
        "option",
        ("evaluate", "baseline", "{garbage}", str(SAMPLE), "--engine", "{tmp}"),
        "is a directory",
    ),
    # no such command or option
    Case("option", ("ingest", "--form", "2024-01-01"), "No such option: --form"),
    Case("option", ("injest",), "No such command 'injest'"),
]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Files the cases name: garbage text, a UTF-16 file, a plain file, a small lake."""
    from pipeline.lake import ingest_window

    tmp = tmp_path_factory.mktemp("cli")
    garbage = tmp / "garbage.jsonl"
    garbage.write_text("this is not JSON\n", encoding="utf-8")
    utf16 = tmp / "utf16.jsonl"
    utf16.write_text(json.dumps({"id": "1", "commitments": []}) + "\n", encoding="utf-16")
    plain = tmp / "a-file"
    plain.write_text("not a folder\n", encoding="utf-8")
    lake = tmp / "lake"
    ingest_window(LIST_FIXTURE, lake=lake)
    return {
        "garbage": str(garbage),
        "utf16": str(utf16),
        "file": str(plain),
        "lake": str(lake),
    }


def fill(args: tuple[str, ...], inputs: dict[str, str], tmp: Path) -> list[str]:
    return [a.format(tmp=tmp, **inputs) for a in args]


def run_main(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    """Run :func:`pipeline.cli.main` as the ``commitments`` script; (exit code, out, err)."""
    monkeypatch.setattr(sys, "argv", ["commitments", *args])
    code: int | str | None = 0
    try:
        main()
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    return int(code or 0), out, err


def leaf_commands() -> set[str]:
    """Every runnable command of ``commitments --help`` (sub-groups expanded)."""
    import typer.main

    found: set[str] = set()

    def walk(command: object, prefix: str) -> None:
        children = getattr(command, "commands", None)
        if children is None:
            found.add(prefix)
            return
        for name, child in children.items():
            walk(child, f"{prefix} {name}".strip())

    walk(typer.main.get_command(app), "")
    return found


def test_cli_errors_cover_every_command() -> None:
    covered = {c.command for c in CASES if c.command in leaf_commands()}
    missing = leaf_commands() - covered
    assert not missing, f"commands without bad-input rows: {missing}"
    for command in leaf_commands() - {"tables"}:  # (a missing lake lists tables "not written")
        kinds = {c.kind for c in CASES if c.command == command}
        assert kinds & {"option"} and kinds & {"path", "file", "lake"}, (command, kinds)
    dated = {"audit", "run", "backfill", "ingest", "extract"}
    assert dated <= {c.command for c in CASES if c.kind == "date"}


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.kind}:{' '.join(c.args)[:60]}")
def test_cli_user_mistake_is_one_line_and_non_zero(
    case: Case,
    inputs: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)  # nothing a mistake writes can land in the checkout
    monkeypatch.setenv("PCT_LAKE", str(tmp_path / "default-lake"))
    monkeypatch.setenv("PCT_ARCHIVE", str(tmp_path / "default-archive"))
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    code, _, err = run_main(fill(case.args, inputs, tmp_path), monkeypatch, capsys)
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 2, (code, err)
    assert len(lines) == 1, f"expected one line, got:\n{err}"
    assert "Traceback" not in err
    assert lines[0].startswith("commitments"), lines[0]
    assert "error:" in lines[0] and case.expect in lines[0], lines[0]


def test_cli_url_lake_is_not_turned_into_a_local_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--lake s3://...`` stays a URL: a typed ``Path`` made it the local folder ``s3:/...``
    (the run "succeeded" into a folder nobody reads)."""
    monkeypatch.chdir(tmp_path)
    args = ["ingest", "--source", str(LIST_FIXTURE), "--lake", "s4://bucket/lake"]
    code, _, err = run_main(args, monkeypatch, capsys)
    assert code == 2 and "Unknown scheme: s4" in err
    assert list(tmp_path.iterdir()) == []


def test_cli_no_arguments_prints_help_not_an_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_main([], monkeypatch, capsys)
    assert code == 2 and "Usage" in out + err and "error" not in err
    code, out, err = run_main(["--help"], monkeypatch, capsys)
    assert code == 0 and "ingest" in out and err == ""


@pytest.mark.integration
@pytest.mark.parametrize(
    ("args", "expect"),
    [
        (["ingest", "--rate", "fast"], "'--rate'"),
        (["audit", "--as-of", "29/11/2026"], "--as-of: not a date"),
        (["stats", MISSING], "does not exist"),
    ],
)
def test_cli_installed_script_prints_one_line(args: list[str], expect: str, tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "commitments"
    done = subprocess.run(
        [str(script), *args], capture_output=True, text=True, cwd=tmp_path, timeout=120,
        check=False,
    )  # fmt: skip
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 2 and len(lines) == 1 and expect in lines[0], done.stderr
    assert PROJECT_ROOT.exists()
