"""Hand-outs: a printable routine sheet and a progress report, as HTML, Markdown or JSON."""
