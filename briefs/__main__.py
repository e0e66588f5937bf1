"""`python -m briefs` runs the command line."""

from .cli import main

main()
