"""Where things live inside a data folder (no imports: the window needs these before the database)."""

DATABASE_FILE_NAME = "kyodo.sqlite3"
DEMO_FOLDER_NAME = "demo"  # a demo database lives in its own folder, never beside real data
BACKUP_DIR_NAME = "backups"
