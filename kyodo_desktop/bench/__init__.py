"""kyodo-admin bench: scenarios measured beside a baseline in the same run."""
