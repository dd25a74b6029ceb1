"""briefbot's core: articles in, facts and briefings out. No Slack here."""
