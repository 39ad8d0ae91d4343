"""corpusbot's front ends: the `corpusbot` command line and the Telegram bot."""
