"""The PC the program runs on: what differs between the counters' Windows and anything else.

One small module per concern (the data folder, files written to last, the drive a file is
on, the time since the last input, the names of files we suggest); everything else in the
program is portable. A test fails on a POSIX- or Windows-only import or call elsewhere.
"""
