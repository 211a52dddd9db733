"""帳票 and 印刷: the documents to print, the print buttons, blank forms, the preview, the printer."""
