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
//!
//! A direct write returns only once the disk has the bytes, so each file
//! has a thread of its own that waits for the disk while the rows of the
//! next block are being formatted: two blocks take turns.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::{self, JoinHandle};

/// Direct writes must start at an address, a file offset and a length that
/// are multiples of the device's block size; 4 KiB covers the usual ones.
const ALIGN: usize = 4096;

/// Bytes gathered before each write: large enough that the wait for the
/// disk is short against the time spent producing them.
pub const CHUNK: usize = 4 << 20;

/// A report file being written, in chunks of `chunk` bytes.
pub struct ReportWriter {
    /// The block being filled.
    block: Block,
    chunk: usize,
    /// Full blocks, on their way to the disk thread.
    full: Sender<Block>,
    /// Written blocks, back for reuse.
    empty: Receiver<Block>,
    /// The disk thread; taken when it is joined.
    disk: Option<JoinHandle<io::Result<()>>>,
}

impl ReportWriter {
    /// Creates (or truncates) the file at `path`. `chunk` must be a multiple
    /// of 4 KiB for writes to go direct; other sizes write through the cache.
    pub fn create(path: &Path, chunk: usize) -> io::Result<ReportWriter> {
        let chunk = chunk.max(1);
        let mut disk = Disk::open(path, chunk % ALIGN == 0)?;
        let (full, blocks) = mpsc::channel::<Block>();
        let (returns, empty) = mpsc::channel();
        returns
            .send(Block::new(chunk))
            .expect("the receiver is alive");
        let disk = thread::Builder::new()
            .name("report-writer".into())
            .spawn(move || {
                for block in blocks {
                    disk.write(&block)?;
                    // The writer may be gone after an error of its own.
                    let _ = returns.send(block.emptied());
                }
                Ok(())
            })?;
        Ok(ReportWriter {
            block: Block::new(chunk),
            chunk,
            full,
            empty,
            disk: Some(disk),
        })
    }

    /// Writes what is pending and closes the file.
    pub fn finish(self) -> io::Result<()> {
        let ReportWriter {
            block,
            full,
            mut disk,
            ..
        } = self;
        if !block.data().is_empty() {
            // A failed send means the disk thread stopped with an error,
            // which joining returns.
            let _ = full.send(block);
        }
        drop(full);
        join(&mut disk)
    }

    /// Hands the full block to the disk thread and takes the other one.
    fn send_block(&mut self) -> io::Result<()> {
        let Ok(next) = self.empty.recv() else {
            return Err(self.disk_error());
        };
        let full = std::mem::replace(&mut self.block, next);
        self.full.send(full).map_err(|_| self.disk_error())
    }

    /// Why the disk thread stopped early.
    fn disk_error(&mut self) -> io::Error {
        match join(&mut self.disk) {
            Err(err) => err,
            Ok(()) => io::Error::other("the report writer stopped"),
        }
    }
}

/// Waits for the disk thread to write everything sent to it (once).
fn join(disk: &mut Option<JoinHandle<io::Result<()>>>) -> io::Result<()> {
    match disk.take().map(JoinHandle::join) {
        Some(Ok(result)) => result,
        Some(Err(_)) => Err(io::Error::other("the report writer panicked")),
        None => Err(io::Error::other("the report writer stopped")),
    }
}

impl Write for ReportWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let room = self.chunk - self.block.data().len();
        let taken = data.len().min(room);
        self.block.bytes.extend_from_slice(&data[..taken]);
        if self.block.data().len() == self.chunk {
            self.send_block()?;
        }
        Ok(taken)
    }

    /// Pending bytes stay pending: a direct write cannot end in the middle
    /// of a block. [`ReportWriter::finish`] writes them.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Bytes that start at an aligned address: `bytes` holds `start` bytes of
/// padding, then the data. Its capacity is fixed, so the data never moves.
struct Block {
    bytes: Vec<u8>,
    start: usize,
}

impl Block {
    fn new(chunk: usize) -> Block {
        let mut bytes: Vec<u8> = Vec::with_capacity(chunk + ALIGN);
        let start = bytes.as_ptr().align_offset(ALIGN).min(ALIGN);
        bytes.resize(start, 0);
        Block { bytes, start }
    }

    fn data(&self) -> &[u8] {
        &self.bytes[self.start..]
    }

    /// Whether a direct write can take the data as it is.
    fn fits_direct(&self) -> bool {
        self.start < ALIGN && self.data().len() % ALIGN == 0
    }

    fn emptied(mut self) -> Block {
        self.bytes.truncate(self.start);
        self
    }
}

/// The file end of a [`ReportWriter`].
struct Disk {
    path: PathBuf,
    file: File,
    /// Whether `file` was opened for direct writes.
    direct: bool,
}

impl Disk {
    fn open(path: &Path, try_direct: bool) -> io::Result<Disk> {
        let direct_file = try_direct.then(|| open_direct(path).ok()).flatten();
        let direct = direct_file.is_some();
        let file = match direct_file {
            Some(file) => file,
            None => File::create(path)?,
        };
        Ok(Disk {
            path: path.to_path_buf(),
            file,
            direct,
        })
    }

    /// Writes a block. The last block of a file, or a block the file system
    /// turns down, goes through the cache, from where it stopped.
    fn write(&mut self, block: &Block) -> io::Result<()> {
        if self.direct && !block.fits_direct() {
            self.stop_direct()?;
        }
        let data = block.data();
        let mut done = 0;
        while done < data.len() {
            match self.file.write(&data[done..]) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(written) => done += written,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                Err(err) if self.direct && err.kind() == io::ErrorKind::InvalidInput => {
                    self.stop_direct()?
                }
                Err(err) => return Err(err),
            }
        }
        Ok(())
    }

    /// Goes on writing through the cache, at the end of what is written.
    fn stop_direct(&mut self) -> io::Result<()> {
        self.file = fs::OpenOptions::new().append(true).open(&self.path)?;
        self.direct = false;
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

    #[cfg(target_os = "linux")]
    #[test]
    fn a_failing_disk_is_an_error() {
        let mut writer = ReportWriter::create(Path::new("/dev/full"), ALIGN).unwrap();
        let result = writer
            .write_all(&vec![1u8; 4 * ALIGN])
            .and_then(|()| writer.finish());
        assert_eq!(result.unwrap_err().kind(), io::ErrorKind::StorageFull);
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
