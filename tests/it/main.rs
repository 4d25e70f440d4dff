//! The one integration-test binary: runs `crosscheck` on real text and
//! checks report contents.

mod claims;
mod cli;
mod entities;
mod ingest;
mod mentions;
mod reconcile;
mod support;
