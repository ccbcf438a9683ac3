"""The HTML view: what a graph shows as actors and edges with their evidence (`data`), the part
the options select (`select`), the self-contained page with vis-network and our own script and
styles (`html`, `viewer/`), and `kg viz` itself (`viz`)."""
