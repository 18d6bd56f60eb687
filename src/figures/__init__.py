"""figures: compare companies' revenues across currencies, with every number traceable."""

__version__ = "0.1.0"
