"""Turn results into text: views of each result, cells, tables, and every format."""
