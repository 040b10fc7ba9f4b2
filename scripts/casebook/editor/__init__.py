"""Tools for editors: `casebook new`, `casebook fmt`, and the warnings about cases that may repeat
each other."""
