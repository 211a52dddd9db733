"""設定: the reference data the head office keeps, and the backups tab."""
