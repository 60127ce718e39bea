"""English text for people, built on ``scorer.core``: the case and grading reports, the statistics
table and the teaching notes on a comparison (numbers are written by ``scorer.core.numbers``).
"""
