"""The vocabulary and registry files of cases/ (categories and tags, comparable measures, published
links) and the spellings of place names in URLs."""
