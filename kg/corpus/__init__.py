"""The corpus: the extractions of every article merged into one set of actors and assertions, an
actor seen in several articles (under any of its names) becoming one, and the same relation read
twice from one sentence kept once. The merge only merges; everything it is given was decided by
the extraction."""
