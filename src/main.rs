//! The `crosscheck` command line: parses arguments, calls the library,
//! prints messages on stderr and picks the exit code.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use crosscheck::{Config, Status};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// The per-document stages make many small strings; mimalloc measured
/// faster than the system allocator on whole runs and uses less memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Cross-source fact reconciliation: who is who across spellings and
/// languages, what outlets agree on, where they contradict each other, and on
/// what evidence.
#[derive(Parser, Debug)]
#[command(name = "crosscheck", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Analyse a folder of articles and write the reports.
    ///
    /// Exit codes: 0 done (documents that could not be read are listed in
    /// documents.csv with the reason), 1 nothing could be processed, 2 usage
    /// error.
    ///
    /// Example: crosscheck run articles/ --out reports --sources articles/sources.csv
    Run(RunArgs),
    /// Compare name pairs with the same matcher as entity resolution.
    ///
    /// Reads a CSV with columns left,right and optionally type (PERSON, ORG,
    /// PLACE, OTHER); writes left,right,score,same,evidence to standard
    /// output.
    ///
    /// Example: crosscheck names pairs.csv > scored.csv
    Names(NamesArgs),
}

#[derive(clap::Args, Debug)]
struct RunArgs {
    /// Article files or folders (searched recursively, in sorted order), or
    /// `-` for standard input. Formats: .txt (any encoding), .html/.htm,
    /// .jsonl/.ndjson; other files are listed as skipped.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Folder for the reports; created if missing. Earlier reports in it are
    /// replaced only once the new ones are complete.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Manifest CSV with columns file,outlet,url,published,language (all but
    /// file optional) that names each document's outlet and date.
    #[arg(long, value_name = "FILE")]
    sources: Option<PathBuf>,
    /// An analyst's decisions CSV (action,left,right,note; action merge or
    /// split; left/right entity ids or surface forms) to honour.
    #[arg(long, value_name = "FILE")]
    decisions: Option<PathBuf>,
    /// How mentions are grouped into entities: `evidence` weighs the
    /// evidence for and against each merge; `exact` groups mentions whose
    /// names are the same after folding case, diacritics and hyphens (the
    /// baseline the resolver is measured against).
    #[arg(long, value_enum, value_name = "MODE", default_value_t = Resolver::Evidence)]
    resolver: Resolver,
    /// Skip documents larger than this many bytes (with a reason in
    /// documents.csv); at most 4294967295.
    #[arg(long, value_name = "BYTES", default_value_t = 64 * 1024 * 1024,
          value_parser = clap::value_parser!(u64).range(1..=crosscheck::config::DOC_BYTES_LIMIT))]
    max_doc_bytes: u64,
    /// Worker threads (default: one per core). Reports do not depend on it.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Write CSV cells verbatim, without neutralising cells a spreadsheet
    /// would run as formulas. For machine consumers only.
    #[arg(long)]
    raw_csv: bool,
}

/// Entity resolution modes of `run --resolver`.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum Resolver {
    /// Evidence-based resolution (default).
    Evidence,
    /// Same normalised name only (baseline).
    Exact,
}

#[derive(clap::Args, Debug)]
struct NamesArgs {
    /// CSV of name pairs: left,right[,type]; `-` for standard input.
    #[arg(value_name = "PAIRS")]
    pairs: PathBuf,
}

fn main() -> ExitCode {
    crosscheck::allocator::tune_mimalloc();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => run(args),
        Command::Names(args) => names(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("crosscheck: error: {err:#}");
            ExitCode::from(1)
        }
    }
}

fn run(args: RunArgs) -> Result<ExitCode> {
    if let Some(threads) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build_global()
            .context("starting worker threads")?;
    }
    let mut config = Config::default();
    config.ingest.max_doc_bytes = args.max_doc_bytes;
    config.report.raw_csv = args.raw_csv;
    config.resolve.strategy = match args.resolver {
        Resolver::Evidence => crosscheck::config::Strategy::Evidence,
        Resolver::Exact => crosscheck::config::Strategy::ExactName,
    };
    if let Some(path) = &args.sources {
        let (manifest, warnings) = crosscheck::ingest::read_manifest(path)
            .with_context(|| format!("reading manifest {}", path.display()))?;
        warn_all(&warnings);
        config.ingest.manifest = manifest;
    }
    if let Some(path) = &args.decisions {
        let (decisions, warnings) = crosscheck::resolve::read_decisions(path)
            .with_context(|| format!("reading decisions {}", path.display()))?;
        warn_all(&warnings);
        config.resolve.decisions = decisions;
    }
    let inputs = crosscheck::ingest::inputs(&args.inputs).context("listing inputs")?;
    for file in crosscheck::ingest::unmatched_manifest_entries(&config.ingest.manifest, &inputs) {
        eprintln!("crosscheck: warning: manifest names {file:?}, which is not among the inputs");
    }
    let progress = progress_bar(inputs.len());
    let analysis = crosscheck::run(inputs, &config, &args.out, &progress);
    progress.0.finish_and_clear();
    let analysis =
        analysis.with_context(|| format!("writing reports to {}", args.out.display()))?;
    for doc in &analysis.docs {
        let r = &doc.record;
        if matches!(r.status, Status::Skipped | Status::Error) {
            eprintln!("crosscheck: {}: {}: {}", r.path, r.status.as_str(), r.note);
        }
    }
    warn_all(&analysis.resolution.warnings);
    let processed = analysis
        .docs
        .iter()
        .any(|d| matches!(d.record.status, Status::Ok | Status::Empty));
    eprint!("{}", crosscheck::summary(&analysis));
    // Millions of small allocations: freeing them one by one takes seconds
    // at scale, and the process is about to end, which frees them at once.
    std::mem::forget(analysis);
    Ok(if processed {
        ExitCode::SUCCESS
    } else {
        eprintln!("crosscheck: nothing could be processed");
        ExitCode::from(1)
    })
}

fn names(args: NamesArgs) -> Result<ExitCode> {
    let input: Box<dyn std::io::Read> = if args.pairs.as_os_str() == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(
            std::fs::File::open(&args.pairs)
                .with_context(|| format!("opening {}", args.pairs.display()))?,
        )
    };
    let stdout = std::io::stdout();
    let warnings = crosscheck::resolve::score_name_pairs(input, stdout.lock())
        .with_context(|| format!("scoring name pairs from {}", args.pairs.display()))?;
    warn_all(&warnings);
    Ok(ExitCode::SUCCESS)
}

/// A progress bar on stderr for long runs, hidden when stderr is not a
/// terminal (logs and pipes stay clean).
fn progress_bar(inputs: usize) -> Bar {
    const SHOW_FROM_INPUTS: usize = 200;
    if inputs < SHOW_FROM_INPUTS || !std::io::stderr().is_terminal() {
        return Bar(ProgressBar::hidden());
    }
    let bar = ProgressBar::new(inputs as u64);
    let style = ProgressStyle::with_template("{bar:40} {pos}/{len} inputs, {per_sec}, eta {eta}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    Bar(bar)
}

/// The run's progress: inputs on a bar, then each later stage by name with
/// a spinner, so a long stage after the last input does not look stuck.
struct Bar(ProgressBar);

impl crosscheck::Progress for Bar {
    fn input_done(&self) {
        self.0.inc(1);
    }

    fn stage(&self, name: &'static str) {
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
            self.0.set_style(style);
        }
        self.0.set_message(name);
        self.0
            .enable_steady_tick(std::time::Duration::from_millis(200));
    }
}

fn warn_all(warnings: &[String]) {
    for warning in warnings {
        eprintln!("crosscheck: warning: {warning}");
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
