"""The weekly model: candidates, decision variables, the rule book and the solver."""
