"""Platform adapters: each translates its platform's events into the core's and renders replies."""
