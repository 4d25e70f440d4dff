//! Name mentions in sentences.
//!
//! PLACEHOLDER: finds nothing. Issue 3 replaces it.

use crate::model::{Mention, Sentence};

/// Names in the sentences of one document, in text order.
pub fn find(_sentences: &[Sentence]) -> Vec<Mention> {
    Vec::new()
}
