"""The graph: the kg vocabulary (`namespace`), the corpus written as RDF deterministically
(`rdf`), graph files read in any RDF syntax (`load`), Oxigraph stores (`store`), SHACL validation
(`validate`), the export formats (`export`) and pushing to any SPARQL 1.1 store (`endpoint`)."""
