"""What a warm query reads: the cache file, the dataset it holds, and the search index with its layout."""
