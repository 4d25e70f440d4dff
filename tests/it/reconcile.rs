//! Integration tests for the reconcile stage (see ARCHITECTURE.md).
