"""What kg knows before it reads an article, below every stage that uses it: the data of each
language (`language`), the gazetteer, lexicon and titles loaded into rules (`rules`,
`rulefiles`), the constructions a lexicon entry may name, and text helpers that several stages
share: dates (`dates`), name folding, and look-alike letters (`lookalikes`)."""
