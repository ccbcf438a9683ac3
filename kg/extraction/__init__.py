"""Per-article extraction: one article in, its actors, posts, relations and meetings out, as plain
data. `pipeline.extract_article` lists the stages in the order they run (parse, names, titles,
resolution, posts, references, relations, dates and places, derived relations); each stage is a
module here, and the knowledge they use (gazetteers, lexicons, the words of the language) is loaded
from `ontology/` by `rules`."""
