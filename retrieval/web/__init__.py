"""Articles from the web: fetching politely, reading feeds, extracting article text."""
