"""Renderers of the neutral structures: Slack Block Kit, Slack mrkdwn, the terminal."""
