"""Allow `python -m hipcli`."""

from hipcli.entry import main

main()
