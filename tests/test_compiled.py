"""The suggester's modules compiled with mypyc: used only while fresh, and the same as the
sources in what they print."""

import importlib.machinery
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from extract import compiled

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "suggest"


def test_the_makefile_rebuilds_on_a_change_to_every_compiled_module():
    makefile = (ROOT / "Makefile").read_text()
    listed = re.search(r"COMPILED_SOURCES := .*,([\w ]+)\)\)", makefile).group(1).split()
    assert tuple(listed) == compiled.MODULES


def test_the_compiled_modules_run_where_they_were_built():
    """Under CI the install must have compiled them (a missing compiler is a failure there);
    elsewhere, modules built from the current sources must be the ones running."""
    if os.environ.get("CI") == "true":
        assert compiled.built(), "the install compiled nothing: is a C compiler installed?"
    if compiled.built() and compiled.fresh() and not compiled._forced_pure():
        import extract.suggest

        assert not extract.suggest.__file__.endswith(".py")
        assert compiled.running()


def _suggest(paths, pure: bool) -> tuple[str, str]:
    env = {**os.environ, compiled.PURE_VARIABLE: "1" if pure else ""}
    probe = ("import sys, runpy, extract.suggest; print(extract.suggest.__file__, file=sys.stderr);"
             "sys.argv = ['extract', 'suggest', '--jobs', '1', *sys.argv[1:]];"
             "runpy.run_module('extract', run_name='__main__')")
    result = subprocess.run([sys.executable, "-c", probe, *map(str, paths)], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout, result.stderr.splitlines()[0]


def test_compiled_and_source_modules_print_the_same_candidates(tmp_path):
    if not compiled.running():
        pytest.skip("no compiled modules here (see the test above, which fails under CI)")
    subprocess.run([sys.executable, "tools/synth_articles.py", "--mb", "1", str(tmp_path)],
                   cwd=ROOT, check=True, capture_output=True)
    # numbers past 2**53, where compiled arithmetic on doubles would differ from Python's
    (tmp_path / "large.txt").write_text(
        "Guizhou reached 52980431260635548 PFLOPS, and Hefei 9007199254740993 AI firms, up "
        "12345678901234567.5 percent to 98765432109876543210 yuan, between 9007199254740993 "
        "and 9007199254740995 EFLOPS.\n")
    paths = sorted((ROOT / "data" / "articles").glob("*.txt")) + sorted(FIXTURES.glob("*.txt"))
    paths += sorted(tmp_path.glob("*.txt"))
    fast, fast_module = _suggest(paths, pure=False)
    slow, slow_module = _suggest(paths, pure=True)
    assert not fast_module.endswith(".py") and slow_module.endswith(".py")
    assert len(fast.splitlines()) > 1000
    assert fast == slow


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A copy of the compiled modules' sources with a stand-in for a compiled module."""
    for path in compiled.sources():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(compiled, "PACKAGE", tmp_path)
    monkeypatch.setattr(compiled, "MANIFEST", tmp_path / "compiled.json")
    monkeypatch.delenv(compiled.PURE_VARIABLE, raising=False)
    (tmp_path / f"suggest{importlib.machinery.EXTENSION_SUFFIXES[0]}").write_bytes(b"")
    finders = list(sys.meta_path)
    yield tmp_path
    sys.meta_path[:] = finders


def _source_finders() -> list:
    return [f for f in sys.meta_path if isinstance(f, compiled._SourceFinder)]


def test_fresh_compiled_modules_are_imported(package):
    compiled.write_manifest()
    assert compiled.fresh()
    sys.meta_path[:] = [f for f in sys.meta_path if f not in _source_finders()]
    compiled.guard()
    assert _source_finders() == []


def test_a_source_edited_after_the_build_sends_every_module_to_its_source(package):
    compiled.write_manifest()
    reader = package / "reader.py"
    reader.write_text(reader.read_text() + "\n# edited\n")
    assert not compiled.fresh()
    sys.meta_path[:] = [f for f in sys.meta_path if f not in _source_finders()]
    compiled.guard()
    compiled.guard()  # once is enough
    [finder] = _source_finders()
    for name in compiled.MODULES:  # all of them: the compiled ones call each other directly
        spec = finder.find_spec(f"extract.{name}", None)
        assert spec.origin == str(package / f"{name}.py")
    assert finder.find_spec("extract.build", None) is None
    assert finder.find_spec("json", None) is None


@pytest.mark.parametrize("manifest", [None, "not json", json.dumps({"suggest": "0" * 64})])
def test_a_missing_or_broken_record_is_not_fresh(package, manifest):
    if manifest is not None:
        compiled.MANIFEST.write_text(manifest)
    assert not compiled.fresh()


def test_the_pure_variable_sends_every_module_to_its_source(package, monkeypatch):
    compiled.write_manifest()
    monkeypatch.setenv(compiled.PURE_VARIABLE, "1")
    sys.meta_path[:] = [f for f in sys.meta_path if f not in _source_finders()]
    compiled.guard()
    assert len(_source_finders()) == 1
