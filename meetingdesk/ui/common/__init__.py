"""Widgets, models and dialogs every area shares."""
