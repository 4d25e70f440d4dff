//! Integration tests for the entities stage (see ARCHITECTURE.md).
