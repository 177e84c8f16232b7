"""Allow `python -m hipcli`."""

from hipcli.cli import main

main()
