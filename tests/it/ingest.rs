//! Integration tests for the ingest stage (see ARCHITECTURE.md).
