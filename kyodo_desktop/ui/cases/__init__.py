"""支援ケース: groups' support over time, a case's page, its timeline entries."""
