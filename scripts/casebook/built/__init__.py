"""Reading the built site: its pages once (lxml), the internal link check, the search index, and the
diff between two builds."""
