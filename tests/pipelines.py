"""Stand-ins for the spaCy pipeline a build is given (`BuildOptions(pipeline=...)`)."""
from __future__ import annotations


class Recording:
    """The pipeline `nlp`, noting every text it parses; `version` stands for another release of
    its model."""

    def __init__(self, nlp, version: str | None = None):
        self._nlp = nlp
        self.texts: list[str] = []
        self.meta = {**nlp.meta, "version": version or nlp.meta["version"]}

    def __getattr__(self, name: str):
        return getattr(self._nlp, name)

    def pipe(self, texts, **kwargs):
        def noted():
            for item in texts:
                self.texts.append(item[0] if kwargs.get("as_tuples") else item)
                yield item
        return self._nlp.pipe(noted(), **kwargs)


class Untouchable:
    """A pipeline the build must not reach: any use of it fails the test."""

    def __getattr__(self, name: str):
        raise AssertionError(f"the build reached the parser (its {name!r}) before refusing")
