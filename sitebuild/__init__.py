"""Site-level build steps that do not depend on the site generator (kept out of the scorer wheel).

MkDocs calls them from one thin hook (``hooks/postbuild.py``); ``python -m sitebuild.postbuild SITE``
runs them over a site folder some other generator built. Nothing here imports ``mkdocs``.
"""
