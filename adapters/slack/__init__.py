"""The Slack adapter: slack-bolt mounted at POST /slack/events, Block Kit via slack_sdk.models.

Only this package imports slack_bolt or slack_sdk; the core sees neutral inputs and replies.
"""
