//! Integration tests for the claims stage (see ARCHITECTURE.md).
