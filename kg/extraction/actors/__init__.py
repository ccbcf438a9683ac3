"""Who an article names: name mentions (the parser's, the gazetteer's, titles and bodies),
resolved to the article's local actors, and the pronouns and descriptions that refer back."""
