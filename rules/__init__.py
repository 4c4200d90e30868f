"""Training knowledge as pure functions and tables, and the independent plan checker."""
