//! Report files written past the page cache.
//!
//! Reports run to gigabytes on large corpora. Written the usual way, every
//! byte is first copied into the kernel's page cache and written back to
//! disk later: on the virtual machines we measured, that copy alone cost
//! about 2.5 s of system time per GB, more than formatting the rows, and
//! the write-back competes for the same cores. On Linux, [`ReportWriter`]
//! hands whole aligned blocks to the disk directly (`O_DIRECT`); only the
//! last partial block goes through the cache. Where the system or the file
//! system refuses direct writes, the file is written the usual way: the
//! bytes are the same either way.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Direct writes must start at an address, a file offset and a length that
/// are multiples of the device's block size; 4 KiB covers the usual ones.
const ALIGN: usize = 4096;

/// Bytes gathered before each write: large enough that the wait for the
/// disk is short against the time spent producing them.
pub const CHUNK: usize = 4 << 20;

/// A report file being written, in chunks of `chunk` bytes.
pub struct ReportWriter {
    path: PathBuf,
    file: File,
    /// Whether `file` was opened for direct writes.
    direct: bool,
    /// Holds `start` bytes of padding, then the pending bytes. Its capacity
    /// is fixed, so the pending bytes never move from their aligned start.
    buf: Vec<u8>,
    start: usize,
    chunk: usize,
}

impl ReportWriter {
    /// Creates (or truncates) the file at `path`. `chunk` must be a multiple
    /// of 4 KiB for writes to go direct; other sizes write through the cache.
    pub fn create(path: &Path, chunk: usize) -> io::Result<ReportWriter> {
        let chunk = chunk.max(1);
        let direct_file = (chunk % ALIGN == 0)
            .then(|| open_direct(path).ok())
            .flatten();
        let direct = direct_file.is_some();
        let file = match direct_file {
            Some(file) => file,
            None => File::create(path)?,
        };
        let mut buf: Vec<u8> = Vec::with_capacity(chunk + ALIGN);
        let start = buf.as_ptr().align_offset(ALIGN).min(ALIGN);
        buf.resize(start, 0);
        let mut writer = ReportWriter {
            path: path.to_path_buf(),
            file,
            direct,
            buf,
            start,
            chunk,
        };
        if direct && start == ALIGN {
            // No aligned start within the buffer: write through the cache.
            writer.stop_direct()?;
        }
        Ok(writer)
    }

    /// Writes what is pending and closes the file.
    pub fn finish(mut self) -> io::Result<()> {
        if self.direct && self.pending().len() % ALIGN != 0 {
            self.stop_direct()?;
        }
        self.write_pending()
    }

    fn pending(&self) -> &[u8] {
        &self.buf[self.start..]
    }

    /// Writes the pending bytes. A direct write that the file system turns
    /// down is retried through the cache, from where it stopped.
    fn write_pending(&mut self) -> io::Result<()> {
        let mut done = 0;
        while done < self.pending().len() {
            match self.file.write(&self.buf[self.start + done..]) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(written) => done += written,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                Err(err) if self.direct && err.kind() == io::ErrorKind::InvalidInput => {
                    self.stop_direct()?
                }
                Err(err) => return Err(err),
            }
        }
        self.buf.truncate(self.start);
        Ok(())
    }

    /// Goes on writing through the cache, at the end of what is written.
    fn stop_direct(&mut self) -> io::Result<()> {
        self.file = fs::OpenOptions::new().append(true).open(&self.path)?;
        self.direct = false;
        Ok(())
    }
}

impl Write for ReportWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let room = self.chunk - self.pending().len();
        let taken = data.len().min(room);
        self.buf.extend_from_slice(&data[..taken]);
        if self.pending().len() == self.chunk {
            self.write_pending()?;
        }
        Ok(taken)
    }

    /// Pending bytes stay pending: a direct write cannot end in the middle
    /// of a block. [`ReportWriter::finish`] writes them.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(target_os = "linux")]
fn open_direct(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .custom_flags(libc::O_DIRECT)
        .open(path)
}

#[cfg(not(target_os = "linux"))]
fn open_direct(_path: &Path) -> io::Result<File> {
    Err(io::ErrorKind::Unsupported.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn written(pieces: &[Vec<u8>], chunk: usize) -> Vec<u8> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.csv");
        let mut writer = ReportWriter::create(&path, chunk).unwrap();
        for piece in pieces {
            writer.write_all(piece).unwrap();
            writer.flush().unwrap();
        }
        writer.finish().unwrap();
        fs::read(&path).unwrap()
    }

    #[test]
    fn whole_chunks_and_a_tail_arrive_in_order() {
        let bytes: Vec<u8> = (0..3 * ALIGN + 123).map(|i| (i % 251) as u8).collect();
        let pieces: Vec<Vec<u8>> = bytes.chunks(1000).map(<[u8]>::to_vec).collect();
        assert_eq!(written(&pieces, ALIGN), bytes);
    }

    #[test]
    fn a_file_of_exact_chunks_has_no_tail() {
        let bytes = vec![7u8; 2 * ALIGN];
        assert_eq!(written(std::slice::from_ref(&bytes), ALIGN), bytes);
    }

    #[test]
    fn an_empty_report_is_an_empty_file() {
        assert_eq!(written(&[], ALIGN), Vec::<u8>::new());
    }

    #[test]
    fn a_chunk_that_cannot_go_direct_goes_through_the_cache() {
        let bytes: Vec<u8> = (0..5000u32).map(|i| i as u8).collect();
        assert_eq!(written(std::slice::from_ref(&bytes), 1000), bytes);
    }

    #[test]
    fn a_missing_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing").join("report.csv");
        assert!(ReportWriter::create(&path, ALIGN).is_err());
    }

    proptest! {
        #[test]
        fn bytes_written_are_the_bytes_read(
            pieces in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..3000), 0..12),
            blocks in 1usize..3,
        ) {
            let expected: Vec<u8> = pieces.concat();
            prop_assert_eq!(written(&pieces, blocks * ALIGN), expected);
        }
    }
}
