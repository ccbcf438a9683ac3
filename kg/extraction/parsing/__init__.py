"""An article parsed: the plan of what the parser reads (windows, pieces, names kept whole),
the parse itself, and the sentences as the other stages read them; clause helpers."""
