"""Microsoft Teams adapter: Bot Framework activities in, Adaptive Cards out.

Every botbuilder import of the project lives in this package (ARCHITECTURE.md, section 7), so
a later move to the Microsoft 365 Agents SDK touches only this folder.
"""
