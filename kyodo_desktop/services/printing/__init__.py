"""Printing (印刷): the records read into papers, and the forms printed from them."""
