"""MkDocs hook placeholder (see ARCHITECTURE.md)."""
