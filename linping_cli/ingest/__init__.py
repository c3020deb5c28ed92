"""What a cache miss or `linping validate` runs: read the TOML, check it, index and pack it for the cache."""
