"""`casebook import`: a published article → a draft case for an editor to correct and publish.

source (read text or HTML) → clean → structure → metadata and region → categories and metrics
→ draft → writer (YAML with the evidence as comments) → validation as for any case.
"""
