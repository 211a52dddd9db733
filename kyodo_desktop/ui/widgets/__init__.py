"""What the screens are built from: the lazy table, list and record screens, record dialogs, the fields of a form, refusals told."""
