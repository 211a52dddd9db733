"""The audit trail (監査ログ): its entries, written by construction, read a page at a time."""
