"""Compiles the suggester's modules (extract/compiled.py) with mypyc where a C compiler and
Python's headers are at hand, for speed; without them, or with CHINA_AI_REGIONS_PURE=1 set,
the package is pure Python and behaves the same. The package metadata is in pyproject.toml."""

import os
import shutil
import sys
import sysconfig
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import compiled  # noqa: E402


def can_compile() -> bool:
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    headers = Path(sysconfig.get_paths()["include"]) / "Python.h"
    return shutil.which(compiler) is not None and headers.is_file()


def ext_modules():
    if compiled._forced_pure():
        return []
    if not can_compile():
        print("setup.py: no C compiler or Python headers; the suggester runs as pure Python",
              file=sys.stderr)
        return []
    from mypyc.build import mypycify

    return mypycify(
        [str(path.relative_to(compiled.PACKAGE.parent)) for path in compiled.sources()]
        # PyYAML and jsonschema have no type stubs in the build environment
        + ["--ignore-missing-imports", "--follow-imports=silent"],
        opt_level="3",
        group_name="extract",
    )


class BuildAndRecord(build_ext):
    """build_ext, then the checksums of the sources compiled (extract/compiled.py's guard): a
    build that fails leaves no record, so no stale module is taken for a fresh one."""

    def run(self):
        compiled.MANIFEST.unlink(missing_ok=True)
        super().run()
        if not self.extensions:
            return
        compiled.write_manifest()
        if not self.inplace:  # a wheel: the record goes with the modules
            target = Path(self.build_lib) / "extract" / compiled.MANIFEST.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(compiled.MANIFEST.read_text())


setup(ext_modules=ext_modules(), cmdclass={"build_ext": BuildAndRecord})
