"""Use cases a person performs; one transaction each."""
