"""What linping knows: the record types of every entry, their field kinds, and the errors about data and use."""
