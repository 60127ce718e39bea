"""Every producer of markup (the HTML contract in ARCHITECTURE.md): tables, printable forms, charts,
widget shells, feedback and history. Used by the build and by the browser worker alike, so the page
and the worker show the same thing.
"""
