"""What each command loads: start-up time goes to imports, so a command loads only what it uses.

Each case runs the real command line in a fresh interpreter and lists the modules loaded by
the time it ends. (How long a start takes is measured by bench/startup, not here.)
"""

import os
import subprocess
import sys

import pytest

LIST_MODULES = """
import sys
from hipcli.cli import main
try:
    main()
except SystemExit:
    pass
sys.stdout.flush()
print("\\nLOADED", " ".join(sorted(sys.modules)), file=sys.stderr)
"""


def loaded(tmp_path, *args: str) -> set[str]:
    env = {**os.environ, "HIPCLI_DATA_DIR": str(tmp_path / "data"),
           "HIPCLI_CACHE_DIR": str(tmp_path / "cache"),
           "HIPCLI_CONFIG_DIR": str(tmp_path / "config")}
    result = subprocess.run([sys.executable, "-c", LIST_MODULES, *args], capture_output=True,
                            text=True, env=env, timeout=120)
    [line] = [line for line in result.stderr.splitlines() if line.startswith("LOADED ")]
    return set(line.split()[1:])


def audio_modules(modules: set[str]) -> set[str]:
    return {m for m in modules if m.startswith("hipcli.audio.")}


def test_a_start_without_sound_loads_nothing_of_the_audio(tmp_path):
    silent = loaded(tmp_path, "start", "desk-break", "--plain", "--speed", "1000", "--audio", "off")
    assert audio_modules(silent) == {"hipcli.audio.setup"}
    bell = loaded(tmp_path, "start", "desk-break", "--plain", "--speed", "1000", "--audio", "bell")
    assert {"hipcli.audio.cues", "hipcli.audio.players"} <= audio_modules(bell)


@pytest.mark.parametrize("args", [["routines"], ["exercises"], ["--help"],
                                  ["start", "desk-break", "--plain", "--speed", "1000",
                                   "--audio", "off"]])
def test_listings_help_and_a_plain_start_load_no_heavy_library(tmp_path, args):
    loaded(tmp_path, *args)  # the first run validates the shipped files and caches them
    modules = loaded(tmp_path, *args)
    assert "hipcli.cli" in modules  # the command did run
    heavy = {"yaml", "pydantic", "rich", "hashlib"}
    assert heavy & {m.split(".")[0] for m in modules} == set()
