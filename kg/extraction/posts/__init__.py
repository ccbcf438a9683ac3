"""The posts an article gives its people ('Foreign Minister X'), the titles that later refer
to them ('the minister'), and the affiliations of people and bodies to their states."""
