// Page glue (see ARCHITECTURE.md)
