"""What the actors of a sentence do to each other: the arguments of its relation words, the
constructions of verbs and nouns, meetings, passives, modality and who says so."""
