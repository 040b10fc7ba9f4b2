"""How the live preview notices edits: by the system's own change events (inotify, FSEvents,
ReadDirectoryChangesW) rather than MkDocs' polling, which walks every watched folder twice a
second (at 10,000 cases, a fifth of a core between edits, and as much taken from each rebuild)."""

from __future__ import annotations

from watchdog import events
from watchdog.observers import Observer

# What an edit does to a file. The system also reports each file opened and closed, and every
# rebuild opens every case file: followed, those reports would set off rebuild after rebuild.
EDITS = [events.FileCreatedEvent, events.FileModifiedEvent, events.FileMovedEvent,
         events.FileDeletedEvent, events.FileAttribEvent]


class EditObserver(Observer):
    """The platform's observer, telling the handlers it is given about edits only."""

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
        return super().schedule(event_handler, path, recursive=recursive, follow_symlink=follow_symlink,
                                event_filter=event_filter or EDITS)
