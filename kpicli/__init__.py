"""kpicli: committee papers from children's services performance data."""

__version__ = "0.1.0"
