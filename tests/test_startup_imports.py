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


def loaded(tmp_path, *args: str, cache=None) -> set[str]:
    """The modules loaded by `hipcli ARGS` (with the given cache folder, else a new one)."""
    env = {**os.environ, "HIPCLI_DATA_DIR": str(tmp_path / "data"),
           "HIPCLI_CACHE_DIR": str(cache or tmp_path / "cache"),
           "HIPCLI_CONFIG_DIR": str(tmp_path / "config")}
    result = subprocess.run([sys.executable, "-c", LIST_MODULES, *args], capture_output=True,
                            text=True, env=env, timeout=120)
    [line] = [line for line in result.stderr.splitlines() if line.startswith("LOADED ")]
    return set(line.split()[1:])


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory):
    """A cache folder holding the shipped files validated: `routines` checks every one."""
    folder = tmp_path_factory.mktemp("warm")
    assert "yaml" in loaded(folder, "routines", cache=folder / "cache")  # it did validate
    return folder / "cache"


def audio_modules(modules: set[str]) -> set[str]:
    return {m for m in modules if m.startswith("hipcli.audio.")}


def test_a_start_without_sound_loads_nothing_of_the_audio(tmp_path, warm_cache):
    start = ["start", "desk-break", "--plain", "--speed", "1000"]
    silent = loaded(tmp_path, *start, "--audio", "off", cache=warm_cache)
    assert audio_modules(silent) == {"hipcli.audio.setup"}
    bell = loaded(tmp_path, *start, "--audio", "bell", cache=warm_cache)
    assert {"hipcli.audio.cues", "hipcli.audio.players"} <= audio_modules(bell)


@pytest.mark.parametrize("args", [["routines"], ["exercises"], ["--help"],
                                  ["start", "desk-break", "--plain", "--speed", "1000",
                                   "--audio", "off"]])
def test_listings_help_and_a_plain_start_load_no_heavy_library(tmp_path, warm_cache, args):
    modules = loaded(tmp_path, *args, cache=warm_cache)
    assert "hipcli.cli" in modules  # the command did run
    heavy = {"yaml", "pydantic", "rich", "hashlib"}
    assert heavy & {m.split(".")[0] for m in modules} == set()
