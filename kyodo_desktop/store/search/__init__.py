"""Finding records by what the officer types: the bigram index, and the matches built on it."""
