#!/usr/bin/env bash
# Prints the interpreter that `make` builds .venv/ with: the distribution's /usr/bin/python3 when
# it is 3.11 or newer and can make a virtual environment (Debian's python3-venv), otherwise the
# python3 on PATH. Debian builds /usr/bin/python3 as one static binary with profile-guided and
# link-time optimisation; on a python built with the defaults (a shared libpython, no
# optimisation, as pyenv builds one) `python -m extract suggest` takes about 1.15 times the CPU
# time (docs/benchmarks.md, Suggester). `make PYTHON=...` chooses another. PYTHON_CANDIDATES
# replaces the list tried, in order (for the tests).
set -u
for candidate in ${PYTHON_CANDIDATES:-/usr/bin/python3 python3}; do
  if "$candidate" -c 'import sys, ensurepip, venv; sys.exit(sys.version_info < (3, 11))' \
      2>/dev/null; then
    echo "$candidate"
    exit 0
  fi
done
echo python3
