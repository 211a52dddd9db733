"""団体: the group registry, a group's page with what it could receive, registering, the ledgers in."""
