"""hipcli: a guided hip-mobility workout timer for the terminal."""

__version__ = "0.1.0"
