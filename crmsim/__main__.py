"""``python -m crmsim`` runs the command line."""

from crmsim.cli import main

raise SystemExit(main())
