"""Notebook fixtures: the notebook runner (``notebooks/nbrun.py``) and one lake per session,
built from the bundled sample with the library API (ingest, extract, the deadline snapshot as of
:data:`AS_OF`; no Prefect), which every executed notebook reads."""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from pipeline.settings import PROJECT_ROOT

NOTEBOOK_DIR = PROJECT_ROOT / "notebooks"
#: The day after the last answer of the bundled sample (2025-12-09): the snapshot the lake holds.
AS_OF = dt.date(2025, 12, 10)


def load_nbrun() -> ModuleType:
    """``notebooks/nbrun.py`` as a module (``notebooks/`` is not a package)."""
    spec = importlib.util.spec_from_file_location("nbrun", NOTEBOOK_DIR / "nbrun.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def nbrun() -> ModuleType:
    return load_nbrun()


@pytest.fixture(scope="session", autouse=True)
def jupyter_dirs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Kernels keep their connection files and IPython state in a temp folder, not in ~."""
    base = tmp_path_factory.mktemp("jupyter")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_RUNTIME_DIR", str(base / "runtime"))
        patch.setenv("IPYTHONDIR", str(base / "ipython"))
        yield


@pytest.fixture(scope="session")
def snapshot_day() -> dt.date:
    """The day of the deadline snapshot stored in :func:`sample_lake`."""
    return AS_OF


@pytest.fixture(scope="session")
def sample_lake(
    tmp_path_factory: pytest.TempPathFactory, sample_path: Path, nbrun: ModuleType
) -> Path:
    """A lake of the bundled sample (about 300 answers), built once per session."""
    lake = tmp_path_factory.mktemp("notebook-lake") / "lake"
    counts = nbrun.build_lake(sample_path, lake, AS_OF)
    assert counts["answers"] > 250 and counts["commitments"] > 0 and counts["deadlines"] > 0
    return lake
