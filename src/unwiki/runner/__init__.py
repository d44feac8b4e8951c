"""Parallel conversion: tasks from the sources, a crash-tolerant worker pool, error records,
progress, resume manifest and the closing summary."""
from unwiki.runner.run import FORMATS, RunOptions, UsageError, run
from unwiki.runner.summary import Summary

__all__ = ["FORMATS", "RunOptions", "Summary", "UsageError", "run"]
