"""The triggers' tables are the same in every process (the JSON must be byte-identical run to run)."""

from __future__ import annotations

import os
import subprocess
import sys

_DIGEST = (
    "import hashlib; from timeline.triggers import trigger_rules; "
    "print(hashlib.sha256(repr(sorted(trigger_rules().forms.items())).encode()).hexdigest())"
)


def test_the_verb_forms_do_not_depend_on_the_hash_seed() -> None:
    digests = {
        subprocess.run(
            [sys.executable, "-c", _DIGEST], env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, text=True, check=True
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1
