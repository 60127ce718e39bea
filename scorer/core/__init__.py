"""The scoring domain: forms and their data files, scoring, the self-check, cases, statistics and
the educator logic. No HTML, no argparse, no file I/O: everything here runs the same in CPython and
Pyodide, and every other layer builds on it.
"""
