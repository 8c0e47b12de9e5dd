package dev.vigil.model.watch;

/** The watch event types Vigil records; BOOKMARK and ERROR are handled by the watcher and never produced. */
public enum WatchEventType {
    ADDED, MODIFIED, DELETED
}
