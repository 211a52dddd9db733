"""The seven screens of the counter's day."""
