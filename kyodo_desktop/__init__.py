"""協働デスク (kyodo-desktop): the collaboration desk of Nerima ward's branch offices."""

__version__ = "0.1.0"
