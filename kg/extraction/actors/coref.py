"""Pronouns and definite descriptions ('he', 'its', 'the group', 'the regime') resolved to the
last fitting actor of the article."""
from __future__ import annotations

from collections import Counter

from kg.model import ActorType
from kg.extraction.actors.local import TokenIndex, clear_first, find_country, home_state, main_state
from kg.knowledge.language import Words
from kg.knowledge.rules import ReferenceRules
from kg.extraction.parsing import roles
from kg.extraction.actors.plurals import NOT_ORG_TYPES, owned_or_listed
from kg.extraction.actors.pronouns import ASIDE, clitic_person, last_fitting, person_of_pronoun, speaking

__all__ = ["resolve_references"]

DOMINANT_SENTENCES = 1
MAIN_PAIR_MARGIN = 3  # 'the two sides' is the article's pair when it is named three times as often as a third
SETTING = "setting"
ASIDE_DEPTH = 4  # words climbed from a name to find the relative clause it is in
LIST_REACH = 30  # sentences back in which 'the three juntas' finds the list of three it counts
EMBEDDED_CLAUSES = frozenset({"complement_clause", "open_clause", "adverb_clause"})  # held by the clause above


def resolve_references(sentences, actors, index: TokenIndex, rules: ReferenceRules, homes=()) -> TokenIndex:
    """Pronouns and definite descriptions ('the group', 'the regime') point back to the last
    fitting actor: the index with those tokens added. `homes`: the states of the dateline."""
    words = rules.language.words
    token_actor, cue = index.editable()
    main = find_country(actors, home_state(main_state(token_actor, actors), homes))
    history: list[tuple[int, int, int, str]] = []  # (sentence, token, actor, dep)
    described: dict[str, int] = {}
    for s in sentences:
        for tok in s.span:
            key = (s.index, tok.i)
            if key in token_actor:
                for aid in token_actor[key]:
                    history.append((s.index, tok.i, aid, _role(tok, words)))
                    if actors[aid].type is ActorType.COUNTRY and tok.lower_ in rules.definite_descriptions:
                        described[tok.lower_] = aid
                continue
            target, lower = None, tok.lower_
            if owned_or_listed(tok, s.index, token_actor, cue, actors, words):
                continue
            if tok.pos_ == "PRON" and (lower in words.speaker_pronouns or lower in words.person_pronouns or (
                    lower in words.speaking_pronouns and speaking(tok, words))):
                target, kind = person_of_pronoun(tok, s.index, history, actors, token_actor, cue, words), "pronoun"
            elif tok.pos_ == "PRON" and lower in words.object_clitics and tok.dep_ in ("object", "dative"):
                target, kind = clitic_person(tok, s.index, history, actors, token_actor), "pronoun"  # "X l'a reçu"
            elif tok.pos_ == "PRON" and lower in words.thing_pronouns and tok.dep_ in ("possessor", "subject") \
                    and _last_subject_is_actor(sentences, s, tok, token_actor):
                target = last_fitting(history, actors, set(ActorType) - NOT_ORG_TYPES, prefer_subject=tok.dep_ == "subject",
                                      before=(s.index, tok.i))
                kind = "pronoun"
            elif tok.pos_ == "NOUN" and tok.lemma_.lower() in rules.definite_descriptions and _counted(tok, words):
                targets = _counted_actors(tok, s.index, sentences, history, actors, token_actor,
                                          set(rules.definite_descriptions[tok.lemma_.lower()]), words)
                if targets:
                    token_actor[key], cue[key] = targets, "description"
                    history += [(s.index, tok.i, aid, tok.dep_) for aid in targets]
                continue
            elif lower in words.home_state_nouns and main is not None and _home_state_phrase(tok, words):
                target = main  # 'the Federal Government', 'the federal government': the article's state
                kind = "description"
            elif lower in rules.definite_descriptions and ((tok.pos_ == "NOUN" and _bare_definite(tok, words))
                                                           or (lower in rules.local_descriptions and _bare_compound(tok))):
                types = set(rules.definite_descriptions[lower])
                if lower in described and ActorType.COUNTRY in types:
                    target = described[lower]
                elif lower in rules.local_descriptions:
                    target = last_fitting(history, actors, types, prefer_subject=False, before=key, sentences_back=0)
                    if target is None:  # 'the army' of the state the article is about
                        target = _force_of(actors, main, rules) if main is not None else None
                else:
                    target = _described(history, actors, types, tok, key, token_actor)
                kind = "description"
            if target is not None:
                token_actor[key], cue[key] = [target], kind
                history.append((s.index, tok.i, target, tok.dep_))
    return TokenIndex.of(token_actor, cue)


def _last_subject_is_actor(sentences, s, pronoun, token_actor) -> bool:
    """'It' refers to an actor only when the last subject before it was one ('The deal ... It calls for')."""
    for sentence in (s, sentences[s.index - 1] if s.index > 0 else None):
        if sentence is None:
            continue
        root = sentence.span.root
        subjects = [t for t in root.children if t.dep_ in roles.NOMINAL_SUBJECTS
                    and (sentence is not s or t.i < pronoun.i) and t != pronoun]
        if subjects:
            last = subjects[-1]
            return (sentence.index, last.i) in token_actor or last.pos_ == "PRON"
    return True


def _role(tok, words: Words) -> str:
    """The token's dependency, or SETTING for a place an event is set in ('a forum in Singapore'):
    that is no actor the text goes on to count; or ASIDE for a name in a relative clause ('the
    TTP, which is aligned with the Taliban'), which a description points back to only when
    nothing else fits."""
    if tok.dep_ == "prep_object" and tok.head.lower_ in words.setting_prepositions:
        return SETTING
    head = tok
    for _ in range(ASIDE_DEPTH):
        if head.dep_ in roles.RELATIVE_CLAUSES:
            return ASIDE
        if head.head == head:
            break
        head = head.head
    return tok.dep_


def _counted(tok, words: Words) -> int | None:
    """'the three juntas', 'both countries', 'the two sides': how many actors a plural description
    counts (two to five)."""
    if tok.tag_ not in ("plural_noun", "plural_name"):
        return None
    return next((c for c in (words.group_size(child.lower_) for child in tok.children) if c is not None), None)


def _last_several(history, actors, types, count: int, before, sentences_back: int = 3) -> list[int]:
    """The last `count` distinct fitting actors of the history before `before`, in text order;
    none when there are fewer."""
    found: list[int] = []
    for sentence, token, aid, dep in reversed(history):
        if sentence < before[0] - sentences_back:
            break
        if (sentence, token) < before and actors[aid].type in types and aid not in found and dep != SETTING:
            found.append(aid)
            if len(found) == count:
                return sorted(found)
    return []


def _last_list(sentences, token_actor, actors, types, count: int, before, sentences_back: int = LIST_REACH) -> list[int]:
    """'Niger, Mali and Burkina Faso ... (paragraphs later) the three juntas': the latest
    coordination of exactly `count` (three or more) fitting actors, further back than a loose count
    reaches; two are too often another pair."""
    if count < 3:
        return []
    for s in reversed(sentences[max(0, before[0] - sentences_back):before[0] + 1]):
        for tok in reversed(s.span):
            if (s.index, tok.i) >= before or tok.dep_ == "conjunct" or not roles.conjuncts(tok):
                continue
            group = [aid for t in (tok, *roles.conjuncts(tok)) for aid in token_actor.get((s.index, t.i), ())]
            if len(set(group)) == count and all(actors[a].type in types for a in group):
                return sorted(set(group))
    return []


def _counted_actors(tok, sentence: int, sentences, history, actors, token_actor, types, words: Words) -> list[int]:
    """'the two countries', 'both sides', 'the three juntas': the article's main pair, else the
    last ones named, else the last list of as many; never who speaks of them ('X hoped both
    sides would ...': not X)."""
    count, here = _counted(tok, words), (sentence, tok.i)
    outside = _governing_subjects(tok, sentence, token_actor, words)
    ranked = _most_named(history, actors, types, outside) if count == 2 else []
    return _main_pair(ranked, margin=MAIN_PAIR_MARGIN) \
        or _last_several([h for h in history if h[2] not in outside], actors, types, count, before=here) \
        or _last_list(sentences, token_actor, actors, types, count, before=here) \
        or _main_pair(ranked)


def _most_named(history, actors, types, outside=frozenset()) -> list[tuple[int, int]]:
    """The three fitting actors the article has named most so far, with how often (none of
    `outside`)."""
    return Counter(aid for _, _, aid, dep in history
                   if actors[aid].type in types and dep != SETTING and aid not in outside).most_common(3)


def _governing_subjects(tok, sentence: int, token_actor, words: Words) -> set[int]:
    """The actors named in the subjects of the verbs of saying, hoping or urging above a word
    ('Saudi Foreign Minister X said he hoped both sides would ...', 'X urged both sides to ...'):
    those who speak to or of 'both sides' are not one of them."""
    out: set[int] = set()
    node = tok
    while node.head != node and (node.pos_ not in ("VERB", "AUX") or node.dep_ in EMBEDDED_CLAUSES):
        node = node.head  # up the clauses that hold it, not to a clause beside it
        if node.lemma_.lower() not in words.speech_verbs and node.lemma_.lower() not in words.addressing_verbs:
            continue
        for child in node.children:
            if child.dep_ in roles.NOMINAL_SUBJECTS and tok not in child.subtree:
                out |= {aid for t in _phrase_words(child) for aid in token_actor.get((sentence, t.i), ())}
    return out


def _phrase_words(head) -> list:
    """The words of a noun phrase but those of the clauses in it ('X, who described the US strikes as
    ...': not the US)."""
    words = [head]
    for child in head.children:
        if child.dep_ not in roles.RELATIVE_CLAUSES and child.dep_ not in ("noun_clause", "complement_clause"):
            words += _phrase_words(child)
    return words


def _main_pair(ranked: list[tuple[int, int]], margin: float = 1.0) -> list[int]:
    """'the two countries', with no two of them near: the two actors the article has named most
    so far (`ranked` by _most_named), when they stand out from the third (by `margin` times as
    often: with a wide margin, the article's pair wins over two named last, 'the two sides' of a
    visit)."""
    if len(ranked) < 2 or (len(ranked) == 3 and ranked[1][1] <= ranked[2][1] * margin) \
            or (margin > 1 and len(ranked) < 3):
        return []
    return sorted(aid for aid, _ in ranked[:2])


def _home_state_phrase(tok, words: Words) -> bool:
    """'the Federal Government', 'Federal officials', 'government troops': a state noun whose only
    modifiers say it is the country's own, definite or plural."""
    modifiers = [c for c in tok.children if c.dep_ in roles.DESCRIPTION_MODIFIERS]
    return bool(modifiers) and all(c.lower_ in words.home_state_modifiers for c in modifiers) \
        and (any(words.definite(c.lower_) for c in tok.children) or tok.tag_ == "plural_noun")


def _bare_compound(tok) -> bool:
    """'Army warplanes bombed ...': a description that qualifies a plural subject, with no words of
    its own (where an object's are is for its place to say: 'strike army convoys in Niger')."""
    return tok.dep_ == "compound" and not list(tok.children) and tok.head.tag_ == "plural_noun" \
        and tok.head.dep_ in roles.NOMINAL_SUBJECTS and not any(c.dep_ == "determiner" for c in tok.head.children)


def _force_of(actors, state: int, rules: ReferenceRules) -> int:
    """The state's own force named in the article, by the state's name and a force's head ('Sudanese
    Armed Forces', not the Rapid Support Forces of the same state), else the state."""
    canonical = actors[state].canonical
    own = {canonical, rules.demonyms.get(canonical)} - {None}
    forces = [a.id for a in actors.values() if a.type is not ActorType.COUNTRY and a.country == canonical
              and any(w in own for w in a.name.split()) and any(w.lower() in rules.national_heads for w in a.name.split())]
    return forces[0] if len(forces) == 1 else state


def _bare_definite(tok, words: Words) -> bool:
    children = list(tok.children)
    if not any((words.definite(c.lower_) or c.lower_ in words.demonstratives) and c.dep_ == "determiner"
               for c in children):
        return False
    if any(c.dep_ in roles.DESCRIPTION_MODIFIERS and c.lower_ not in words.description_qualifiers for c in children):
        return False  # 'the rebel group', 'le groupe armé' are still 'the group'
    if any(c.dep_ == "preposition" and words.of(c.lower_) and any(
            p.dep_ == "prep_object" and not _kind_of(p) for p in c.children) for c in children):
        return False  # 'the government of X', 'the alliance of gangs'; not 'le gouvernement de transition'
    return True


def _kind_of(phrase) -> bool:
    """'(gouvernement) de transition', '(government) of national unity': a singular common noun
    with no article after 'of', which says what kind the noun is; or a verb ('accused the group
    of seeking')."""
    if phrase.pos_ == "VERB":
        return True
    return phrase.pos_ == "NOUN" and phrase.tag_ != "plural_noun" and not any(
        c.dep_ == "determiner" for c in phrase.children) and not any(t.text[:1].isupper() for t in phrase.subtree)


def _dominant(history, actors, types) -> int | None:
    """'the rebels' with none named near: the one actor of those types the article has named so far
    in DOMINANT_SENTENCES sentences or more, and in twice as many as any other."""
    sentences: dict[int, set[int]] = {}
    for sentence, _, aid, _ in history:
        if actors[aid].type in types:
            sentences.setdefault(aid, set()).add(sentence)
    return clear_first({aid: len(v) for aid, v in sentences.items()}, DOMINANT_SENTENCES, 2)


def _described(history, actors, types, tok, key, token_actor) -> int | None:
    """'the group', 'the mission': the last fitting actor near (one whose name ends in the word
    first, never the name the phrase stands in apposition to), else the one the article names."""
    target = last_fitting(history, actors, types, False, key, besides=_apposed_to(tok, key[0], token_actor),
                          word=tok.lemma_.lower())
    return target if target is not None else _dominant(history, actors, types - {ActorType.COUNTRY})


def _apposed_to(tok, sentence: int, token_actor) -> set[int]:
    """The actors a phrase the word is in stands in apposition to: "China, the junta's largest
    partner" does not call China the junta."""
    head = tok
    for _ in range(4):
        if head.dep_ == "apposition" and head.head != head:
            return set(token_actor.get((sentence, head.head.i), ()))
        if head.head == head:
            break
        head = head.head
    return set()
