"""Who is at the counter: signing in, the first start's set-up, one's password, the idle lock."""
