"""Session history: the SQLite log of sessions and measurements, and what it tells about progress.

Modules: `store` (the database), `recorder` (writes a running session), `progression` (the next
doses), `programs` (phase unlocks), `plan` (a session's timeline with both applied), `stats`,
`measure` and `views` (tables and charts).
"""
