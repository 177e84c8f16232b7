"""Shipped YAML files read for what a test expects: the data `yaml.safe_load` gives, parsed
by libyaml where PyYAML was built with it (the exercise library takes 0.17 s in pure Python,
0.02 s so), and independent of hipcli's own reader either way."""

from __future__ import annotations

from pathlib import Path

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)
