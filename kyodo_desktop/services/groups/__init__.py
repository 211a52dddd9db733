"""The group registry (団体台帳): registering and changing groups, possible copies, the head office's ledgers in."""
