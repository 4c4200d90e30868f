"""Progression: loads and reps over the weeks, kit-true loads, and the next block."""
