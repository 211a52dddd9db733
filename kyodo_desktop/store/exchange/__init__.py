"""The exchange between the branches and the head office: change numbers, records, merging."""
