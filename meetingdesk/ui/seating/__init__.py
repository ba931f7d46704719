"""座次: the hall, who sits where, and the 主席台 of each sitting."""
