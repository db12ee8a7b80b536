"""The interpreter `make` builds .venv/ with (tools/python_for_venv.sh)."""

import os
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tools" / "python_for_venv.sh"


def _chosen(candidates: str | None = None) -> str:
    env = dict(os.environ)
    if candidates is not None:
        env["PYTHON_CANDIDATES"] = candidates
    result = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, env=env,
                            check=True)
    return result.stdout.strip()


def _fake_python(folder: Path, name: str, version: tuple[int, int], venv: bool) -> Path:
    """A stand-in interpreter that answers the script's question as one of `version` would,
    with or without the venv module."""
    path = folder / name
    answer = 0 if version >= (3, 11) and venv else 1
    path.write_text(f"#!/bin/sh\nexit {answer}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_the_distributions_python_is_chosen_when_it_can_make_a_venv():
    system = Path("/usr/bin/python3")
    usable = system.is_file() and subprocess.run(
        [str(system), "-c", "import sys, ensurepip, venv; sys.exit(sys.version_info < (3, 11))"],
        capture_output=True,
    ).returncode == 0
    assert _chosen() == (str(system) if usable else "python3")


def test_an_old_python_or_one_without_venv_is_passed_over(tmp_path):
    old = _fake_python(tmp_path, "old", (3, 9), venv=True)
    bare = _fake_python(tmp_path, "bare", (3, 12), venv=False)
    good = _fake_python(tmp_path, "good", (3, 12), venv=True)
    assert _chosen(f"{old} {bare} {good}") == str(good)
    assert _chosen(f"{tmp_path / 'missing'} {good}") == str(good)


def test_without_a_usable_candidate_the_python3_on_the_path_is_named(tmp_path):
    old = _fake_python(tmp_path, "old", (3, 9), venv=True)
    assert _chosen(str(old)) == "python3"


def test_the_chosen_interpreter_answers_as_the_script_asks():
    """The question the script puts to a candidate, put to this interpreter (3.11 or newer, in
    a venv made by the install): it must say yes."""
    result = subprocess.run(
        [sys.executable, "-c", "import sys, ensurepip, venv; sys.exit(sys.version_info < (3, 11))"],
        capture_output=True,
    )
    assert result.returncode == 0
