"""The ward's figures (集計): one 年度's tables, each figure with its records, and the files they are written to."""
