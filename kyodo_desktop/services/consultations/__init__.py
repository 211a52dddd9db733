"""The consultation log (相談記録): logging a consultation, who asked, topics, follow-ups, the log out to CSV."""
