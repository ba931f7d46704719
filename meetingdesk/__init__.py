"""MeetingDesk: the secretariat's program for one session of a district People's Congress."""
__version__ = "0.1.0"
