"""Working Alliance Inventory scorer (placeholder; see ARCHITECTURE.md)."""
