"""`python -m kg` is `aseankg`."""

from .cli import main

main()
