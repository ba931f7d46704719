"""Start MeetingDesk: `python main.py` opens the demo session, `python main.py FILE` opens FILE."""
import sys

from meetingdesk.ui.app import main

if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # the paper builder is a spawned process (a frozen build needs this)
    sys.exit(main())
