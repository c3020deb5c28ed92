"""Answer a query over a loaded dataset: search, select (filter, sort, fields), compare, stats."""
