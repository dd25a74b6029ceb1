"""Everything Slack: the Bolt app, listeners, scheduler, console mode and CLI."""
