"""Getting in: staff accounts, signing in and out, the first start's set-up, passwords."""
