"""Planning: the weekly model and its solver, progression over the weeks, and output.

``model`` turns a profile into a solved weekly template, ``progression`` carries it over
the weeks (and into the next block with ``replan``), ``output`` prints it, and
``pipeline`` runs them in order for every caller.
"""
