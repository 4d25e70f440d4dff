//! Reconciliation: which claims of different outlets agree or conflict.
//!
//! PLACEHOLDER: finds nothing. Issue 5 replaces it.

use crate::model::{DocAnalysis, Resolution};

/// Agreements and conflicts between claims.
#[derive(Clone, Debug, Default)]
pub struct Reconciliation {}

/// Aligns and compares the claims of all documents.
pub fn claim_graph(_docs: &[DocAnalysis], _resolution: &Resolution) -> Reconciliation {
    Reconciliation {}
}
