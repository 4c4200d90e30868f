"""The exercise catalogue: validated exercise data and the vocabularies it speaks."""
