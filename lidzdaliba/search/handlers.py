"""Domain-event subscribers of search (see lidzdaliba.core.events)."""
