"""What kg knows before it reads an article, below every stage that uses it: the data of each
language (`language`), the gazetteer, lexicon and titles loaded into rules (`rules`,
`rulefiles`; the lexicon through its schema, `lexicon`), the constructions a lexicon entry may
name (declared by the extraction, `constructions`), and text helpers that several stages
share: dates (`dates`), name folding, and look-alike letters (`lookalikes`)."""
