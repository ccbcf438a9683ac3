"""Querying a graph: SPARQL through Oxigraph with parameters and a time limit (`sparql`), what a
request would reach read without running it (`sparqltext`), result formats (`results`), the saved
queries (`queries/`), counts and centrality (`stats`), and the read-only endpoint of `kg serve`
(`serve`, with the front that bounds requests, `guard`, and the process that cleans up, `reaper`)."""
