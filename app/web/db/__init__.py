"""The data layer: the only part of the web workspace that talks to the database."""
