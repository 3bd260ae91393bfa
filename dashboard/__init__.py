"""The public site: pages, charts, search, statement diffs and feeds. Reads only."""
