"""Reading and checking contributions: the guarded YAML loader, where case files may be, the
field types and the case schema, validation into editor-readable problems, normalisation."""
