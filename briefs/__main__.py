"""`python -m briefs` runs the command line."""

from ._entry import main

main()
