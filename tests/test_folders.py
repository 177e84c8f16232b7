"""hipcli's own reading of the XDG folders on Linux agrees with platformdirs, whose rule it
follows without loading it."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from hipcli.paths import user_folder

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="elsewhere hipcli asks platformdirs itself")

KINDS = {"config": "XDG_CONFIG_HOME", "data": "XDG_DATA_HOME", "cache": "XDG_CACHE_HOME"}


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("setting", [None, "/srv/xdg", "relative/xdg", ""])
def test_folders_follow_the_xdg_rule_as_platformdirs_does(monkeypatch, tmp_path, kind, setting):
    monkeypatch.setenv("HOME", str(tmp_path))
    if setting is None:
        monkeypatch.delenv(KINDS[kind], raising=False)
    else:
        monkeypatch.setenv(KINDS[kind], setting)
    reference = Path(getattr(platformdirs, f"user_{kind}_dir")("hipcli"))
    assert user_folder(kind) == reference
    # Worked out by hand: an absolute variable wins, anything else falls back under HOME.
    defaults = {"config": ".config", "data": ".local/share", "cache": ".cache"}
    expected = (Path("/srv/xdg") if setting == "/srv/xdg" else tmp_path / defaults[kind])
    assert user_folder(kind) == expected / "hipcli"
