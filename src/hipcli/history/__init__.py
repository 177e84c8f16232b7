"""Session history: the SQLite log of sessions and measurements, and what it tells about progress.

Modules: `store` (the database), `recorder` (writes a running session), `progression` (the next
doses), `checkins` (pain and effort after a session), `runs` (the program followed), `stages`
(a stage judged: criteria, what is due, adherence), `coaching` (a program moved along),
`feed` (what planning asks), `stats` (with `tally`, what the database keeps counted for it),
`measure` and `views` (tables and charts).
"""
