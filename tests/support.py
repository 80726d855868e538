"""Constants and helpers shared by the tests (importable as ``support``: tests/ is on the path)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

from pipeline.settings import PROJECT_ROOT, get_settings
from pipeline.types import Extraction

SHARED = get_settings().shared
FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = PROJECT_ROOT / "data" / "samples"
SEED_ANCHOR = dt.date(2024, 3, 25)


def shared_path(*parts: str) -> Path:
    """A path under ../shared/, skipping the test (with the reason shown) when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs the shared material: {path} is absent (CI has it)")
    return path


def assert_rows_point_into_the_text(result: Extraction) -> None:
    """Every row's offsets hold its text, a commitment's ordinals point at rows, due_text is
    null exactly when due is, and a due text stands in the text."""
    text = result.text
    for row in [*result.timexes, *result.quantities]:
        assert 0 <= row.char_start < row.char_end <= len(text)
        assert text[row.char_start : row.char_end] == row.text
    for c in result.commitments:
        assert 0 <= c.char_start < c.char_end <= len(text)
        assert text[c.char_start : c.char_end] == c.quote
        assert all(0 <= i < len(result.timexes) for i in c.timexes)
        assert all(0 <= i < len(result.quantities) for i in c.quantities)
        assert (c.due is None) == (c.due_text is None)  # GUIDELINES: due_text null iff due null
        if c.due_text is not None:
            assert c.due_text in text


@pytest.fixture(scope="module")
def model_snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the configured rule model, one per test module, so that every run a module
    starts (in subprocesses, often minutes apart) loads the same rules even while the model
    folder changes (``get_settings().model``)."""
    target = tmp_path_factory.mktemp("model") / "en_commitments"
    shutil.copytree(get_settings().model, target)
    return target


@pytest.fixture(scope="module")
def global_random_left_alone() -> None:
    """For property tests: no background thread of this process draws from the global
    ``random`` while Hypothesis generates examples.

    Hypothesis compares the global ``random`` state before and after each draw and reports a
    change as "Do not use the `random` module inside strategies" (a
    ``HypothesisDeprecationWarning``). The one such thread in this test session is Prefect's:
    the flow tests' session-scoped ``prefect_test_harness`` leaves its events client connected
    (``EventsWorker``, on Prefect's global event-loop thread) until the session ends, and its
    websocket pings the server every 20 s with ``random.getrandbits(32)`` (``websockets``'
    ``Connection.ping``), whatever test is running then. The worker is drained here, as the
    harness itself drains it on exit; a later flow run starts a new one. Nothing to do when
    Prefect's events were never imported.
    """
    if "prefect.events.worker" in sys.modules:
        from prefect.events.worker import EventsWorker

        EventsWorker.drain_all(timeout=30, at_exit=False)


PROPERTY_TEST_MARKS = (
    pytest.mark.usefixtures("global_random_left_alone"),
    pytest.mark.filterwarnings("error::hypothesis.errors.HypothesisDeprecationWarning"),
)
"""A property-test module's ``pytestmark`` (``pytestmark = [*PROPERTY_TEST_MARKS]``): Hypothesis's
own check that nothing draws from the global ``random`` during generation is an error there, not
a warning, and :func:`global_random_left_alone` keeps Prefect's thread from tripping it."""


def load_benchmark(name: str) -> ModuleType:
    """The script ``benchmarks/<name>.py`` as a module (the folder is not a package)."""
    path = PROJECT_ROOT / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"{name}_benchmark", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
