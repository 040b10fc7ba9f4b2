"""Building pages: the one escaping boundary (markup), each kind of page, rendering through Jinja2
templates, social cards and charts."""
