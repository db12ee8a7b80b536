"""The suggester's modules compiled with mypyc, used only while they match their sources.

`pip install -e .` (setup.py) compiles MODULES into extension modules next to their sources
and records each source's checksum in MANIFEST. Python imports an extension module before the
.py file of the same name, so a source edited after the build would run as its stale compiled
self. `guard()`, called when the package is imported, prevents that: unless every compiled
source still has its recorded checksum, all of MODULES are imported from their sources. The
compiled modules call each other directly, so they run together or not at all.
CHINA_AI_REGIONS_PURE=1 imports the sources in any case.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
# In the order they import each other; the names setup.py hands to mypyc.
MODULES = ("patterns", "numbers", "mentions", "reader", "gazetteer", "suggest")
MANIFEST = PACKAGE / "compiled.json"
PURE_VARIABLE = "CHINA_AI_REGIONS_PURE"


def sources() -> list[Path]:
    return [PACKAGE / f"{name}.py" for name in MODULES]


def checksums() -> dict[str, str]:
    """Each compiled module's source checksum, by module name."""
    return {path.stem: hashlib.sha256(path.read_bytes()).hexdigest() for path in sources()}


def write_manifest() -> None:
    MANIFEST.write_text(json.dumps(checksums(), indent=1, sort_keys=True) + "\n")


def built() -> bool:
    """Whether compiled modules stand next to the sources (a build with a C compiler)."""
    suffixes = importlib.machinery.EXTENSION_SUFFIXES
    return any((PACKAGE / f"{name}{suffix}").is_file() for name in MODULES for suffix in suffixes)


def fresh() -> bool:
    """Whether every compiled module was built from the source that is there now."""
    try:
        recorded = json.loads(MANIFEST.read_text())
    except (OSError, ValueError):
        return False
    return recorded == checksums()


def running() -> bool:
    """Whether the suggester imported (or would import) its compiled modules."""
    module = sys.modules.get(f"{__package__}.suggest")
    if module is not None:
        return not (module.__file__ or "").endswith(".py")
    return built() and not _forced_pure() and fresh()


class _SourceFinder(importlib.abc.MetaPathFinder):
    """Finds MODULES as their .py files, ahead of the compiled ones."""

    def find_spec(self, fullname, path, target=None):
        package, _, name = fullname.rpartition(".")
        if package != __package__ or name not in MODULES:
            return None
        return importlib.util.spec_from_file_location(fullname, PACKAGE / f"{name}.py")


def _forced_pure() -> bool:
    return os.environ.get(PURE_VARIABLE, "") not in ("", "0")


def guard() -> None:
    """Import MODULES from their sources unless the compiled ones are fresh."""
    if not built():
        return  # no compiler at install time: the sources are all there is
    if _forced_pure() or not fresh():
        if not any(isinstance(finder, _SourceFinder) for finder in sys.meta_path):
            sys.meta_path.insert(0, _SourceFinder())
