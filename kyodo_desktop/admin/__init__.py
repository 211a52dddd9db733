"""kyodo-admin: the operations head-office and IT staff script (`main.main` is the command).

One module per command group (installation, staff, backups, records, reference,
applications, printing, report, ledgers, server, exchange, bench); what they share is in
`common`.
"""
