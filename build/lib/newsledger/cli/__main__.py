"""`python -m newsledger.cli`, the same as the `newsledger` command."""

from newsledger.cli import main

main()
