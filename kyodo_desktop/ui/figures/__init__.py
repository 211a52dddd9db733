"""集計: one 年度's figures, a tab per table with its chart, the records behind a figure, the files out."""
