"""Server-rendered web pages (Jinja2 templates, a stylesheet and a little vanilla JavaScript)."""

__all__: list[str] = []
