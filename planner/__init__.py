"""Builds a client's programme: the weekly model, progression, rendering and the CLI.

Import from the submodules; this package imports nothing eagerly so that ``rules`` can
read the program models without pulling in the solver.
"""
