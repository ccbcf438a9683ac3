"""Reading articles: files and folders become `model.Article` values. Bytes are decoded
(byte-order marks, UTF-8, charset detection), Markdown and HTML are reduced to their text and
metadata, scraped-page boilerplate is removed, and articles not in English are set aside. Nothing
here knows about actors or relations; every problem with an input is an `InputError` naming it."""
