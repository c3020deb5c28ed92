"""Reading source articles: their sections, the numbers they state, checking a dataset against them (verify)
and drafting candidate facts from a new article (draft). Article text is untrusted: nothing here prints it.
"""
