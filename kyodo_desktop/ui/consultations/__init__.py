"""相談記録: the consultation log, the quick-entry form, who asked, today's follow-ups, the log out to CSV."""
