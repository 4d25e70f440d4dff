//! The one integration-test binary: runs `crosscheck` on real text and
//! checks report contents.

mod claims;
mod cli;
mod coref;
mod determinism;
mod entities;
mod golden;
mod hostile;
mod ingest;
mod mentions;
mod properties;
mod reconcile;
mod support;
