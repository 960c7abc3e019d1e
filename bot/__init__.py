"""Platform-neutral core of the safeguarding report bot."""
