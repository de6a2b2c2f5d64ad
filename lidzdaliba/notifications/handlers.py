"""Domain-event subscribers of notifications (see lidzdaliba.core.events)."""
