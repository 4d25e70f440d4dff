//! A deterministic benchmark corpus grown from the sample articles in
//! `data/seeds`: the same story retold many times, the way a folder of
//! scraped outlets looks.
//!
//! Each generated document takes one seed article and varies it: paragraphs
//! shuffled and dropped, sentences swapped in from other articles, names
//! respelled and figures changed, boilerplate lines (menus, share bars,
//! comment forms) and foreign-language sidebars mixed in, sometimes the body
//! printed twice. Formats and encodings vary: `.txt` in UTF-8, Windows-1252
//! or UTF-16 with BOM, `.html` pages with navigation around an `<article>`,
//! and `.jsonl` feeds of many articles.
//!
//! Benches include this file with `#[path = "support/corpus.rs"] mod corpus;`
//! and call [`ensure`]; each uses part of it.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

/// A generated corpus on disk.
#[derive(Clone, Debug)]
pub struct Corpus {
    /// Its folder.
    pub dir: PathBuf,
    /// Files written.
    pub files: usize,
    /// Articles in them (a JSON Lines file holds many).
    pub documents: usize,
    /// Bytes written.
    pub bytes: u64,
}

/// The corpus of at least `target_bytes` for `seed` in `dir`: reused when a
/// finished one is there (a marker file records its parameters), else
/// generated afresh.
pub fn ensure(dir: &Path, target_bytes: u64, seed: u64) -> io::Result<Corpus> {
    let marker = dir.join(".corpus");
    let wanted = format!("{target_bytes} {seed}");
    if let Ok(done) = std::fs::read_to_string(&marker) {
        let mut lines = done.lines();
        if lines.next() == Some(wanted.as_str()) {
            let numbers: Vec<u64> = lines.filter_map(|l| l.parse().ok()).collect();
            if let [files, documents, bytes] = numbers[..] {
                return Ok(Corpus {
                    dir: dir.to_path_buf(),
                    files: files as usize,
                    documents: documents as usize,
                    bytes,
                });
            }
        }
    }
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    let corpus = generate(dir, target_bytes, seed)?;
    std::fs::write(
        marker,
        format!(
            "{wanted}\n{}\n{}\n{}\n",
            corpus.files, corpus.documents, corpus.bytes
        ),
    )?;
    Ok(corpus)
}

/// Writes at least `target_bytes` of documents into `dir` (created), the
/// same bytes for the same `seed`.
pub fn generate(dir: &Path, target_bytes: u64, seed: u64) -> io::Result<Corpus> {
    let seeds = seed_articles()?;
    let mut rng = Lcg::new(seed);
    let mut corpus = Corpus {
        dir: dir.to_path_buf(),
        files: 0,
        documents: 0,
        bytes: 0,
    };
    let mut feed = String::new();
    while corpus.bytes < target_bytes {
        let article = vary(&seeds, &mut rng);
        corpus.documents += 1;
        let choice = rng.below(100);
        if choice < 15 {
            writeln!(feed, "{}", jsonl_record(&article, corpus.documents)).unwrap();
            if feed.len() > 100_000 {
                write_file(&mut corpus, "jsonl", std::mem::take(&mut feed).into_bytes())?;
            }
            continue;
        }
        let (ext, bytes) = if choice < 40 {
            ("html", html_page(&article).into_bytes())
        } else {
            ("txt", encode(&plain_text(&article), &mut rng))
        };
        write_file(&mut corpus, ext, bytes)?;
    }
    if !feed.is_empty() {
        write_file(&mut corpus, "jsonl", feed.into_bytes())?;
    }
    Ok(corpus)
}

fn write_file(corpus: &mut Corpus, ext: &str, bytes: Vec<u8>) -> io::Result<()> {
    let folder = corpus.dir.join(format!("{:03}", corpus.files / 500));
    std::fs::create_dir_all(&folder)?;
    std::fs::write(folder.join(format!("doc{:06}.{ext}", corpus.files)), &bytes)?;
    corpus.files += 1;
    corpus.bytes += bytes.len() as u64;
    Ok(())
}

/// A seed article: headline and body paragraphs (furniture left out: the
/// generator adds its own).
struct Seed {
    headline: String,
    body: Vec<String>,
}

fn seed_articles() -> io::Result<Vec<Seed>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/seeds");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let mut seeds = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(path)?;
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let body: Vec<String> = lines
            .iter()
            .filter(|l| l.split_whitespace().count() >= 15)
            .map(|l| l.to_string())
            .collect();
        let headline = lines
            .iter()
            .find(|l| (6..15).contains(&l.split_whitespace().count()))
            .map_or_else(String::new, |l| l.to_string());
        seeds.push(Seed { headline, body });
    }
    Ok(seeds)
}

/// One generated article before formatting.
struct Article {
    headline: String,
    top: Vec<String>,
    body: Vec<String>,
    bottom: Vec<String>,
    outlet: String,
    date: String,
}

/// Navigation, widgets and forms, written for this generator.
const FURNITURE: &[&str] = &[
    "Home",
    "World",
    "Politics",
    "Business",
    "Opinion",
    "Sign in",
    "Subscribe",
    "Menu",
    "Search",
    "Share on Facebook",
    "Share on X",
    "Copy link",
    "Print this page",
    "Most popular",
    "Trending now",
    "Newsletter",
    "Sign up for our daily briefing",
    "Comments (0)",
    "Post a comment",
    "Your email address will not be published.",
    "Accept cookies",
    "Cookie settings",
    "Advertisement",
    "Follow us",
    "More stories",
    "Terms of use",
    "Privacy policy",
    "Contact us",
    "All rights reserved.",
    "Next article",
    "4,812 Followers",
    "12,093 Likes",
    "Watch: the day in pictures",
];

/// Sidebars in other languages, written for this generator.
const SIDEBARS: &[&str] = &[
    "Последние новости региона и мира в одной ленте, обновляется каждый час.",
    "Подписывайтесь на наш канал, чтобы не пропустить главное.",
    "Las noticias más leídas de la semana en nuestra portada digital.",
    "Suscríbase a nuestro boletín para recibir las noticias del día.",
    "Les articles les plus lus de la semaine sur notre site.",
    "أحدث الأخبار العاجلة من المنطقة والعالم على مدار الساعة",
    "آخرین اخبار روز را در کانال ما دنبال کنید",
    "Die meistgelesenen Artikel der Woche auf einen Blick.",
];

const OUTLETS: &[&str] = &[
    "Daily Ledger",
    "The Courier",
    "Evening Post",
    "Wire Report",
    "Metro Times",
    "Frontier News",
];

fn vary(seeds: &[Seed], rng: &mut Lcg) -> Article {
    let seed = &seeds[rng.below(seeds.len())];
    let mut body = Vec::new();
    for paragraph in &seed.body {
        if rng.below(100) >= 15 {
            let refigured = refigure(paragraph, rng);
            body.push(respell(&refigured, rng));
        }
    }
    for _ in 0..rng.below(4) {
        let (a, b) = (rng.below(body.len().max(1)), rng.below(body.len().max(1)));
        if a < body.len() && b < body.len() {
            body.swap(a, b);
        }
    }
    for paragraph in body.iter_mut() {
        if rng.below(100) < 20 {
            let other = &seeds[rng.below(seeds.len())];
            if let Some(donor) = other.body.get(rng.below(other.body.len().max(1))) {
                swap_sentence(paragraph, donor);
            }
        }
    }
    if body.is_empty() {
        body.push(seed.headline.clone() + ".");
    }
    if rng.below(100) < 10 {
        let copy = body.clone();
        body.push(seed.headline.clone());
        body.extend(copy);
    }
    let mut top: Vec<String> = (0..rng.below(6))
        .map(|_| pick(FURNITURE, rng).to_string())
        .collect();
    let mut bottom: Vec<String> = (0..2 + rng.below(7))
        .map(|_| pick(FURNITURE, rng).to_string())
        .collect();
    if rng.below(100) < 30 {
        let lines = 2 + rng.below(4);
        let sidebar: Vec<String> = (0..lines)
            .map(|_| pick(SIDEBARS, rng).to_string())
            .collect();
        if rng.below(2) == 0 {
            top.extend(sidebar);
        } else {
            bottom.extend(sidebar);
        }
    }
    Article {
        headline: respell(&seed.headline, rng),
        top,
        body,
        bottom,
        outlet: pick(OUTLETS, rng).to_string(),
        date: format!("2021-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
    }
}

fn pick<'a>(items: &[&'a str], rng: &mut Lcg) -> &'a str {
    items[rng.below(items.len())]
}

/// Changes numbers the way outlets disagree on them.
fn refigure(text: &str, rng: &mut Lcg) -> String {
    let mut out = String::with_capacity(text.len());
    let mut digits = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        if !digits.is_empty() {
            let value: u64 = digits.parse().unwrap_or(0);
            let changed = if value > 31 && rng.below(100) < 30 {
                value + value / 10 * rng.below(3) as u64
            } else {
                value
            };
            write!(out, "{changed}").unwrap();
            digits.clear();
        }
        out.push(c);
    }
    out.pop();
    out
}

/// Respells some capitalised words (names) as transliterations differ.
fn respell(text: &str, rng: &mut Lcg) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let capitalised = word.chars().next().is_some_and(char::is_uppercase) && word.len() >= 5;
        if capitalised && rng.below(100) < 8 {
            out.push_str(&match rng.below(4) {
                0 => word.replacen('a', "e", 1),
                1 => word.replacen('i', "y", 1),
                2 => word.replacen("h", "", 1),
                _ => word.replacen('l', "ll", 1),
            });
        } else {
            out.push_str(word);
        }
    }
    out
}

/// Replaces the first sentence of `paragraph` with the first of `donor`.
fn swap_sentence(paragraph: &mut String, donor: &str) {
    let first_end = |t: &str| t.find(". ").map(|at| at + 2);
    if let (Some(cut), Some(take)) = (first_end(paragraph), first_end(donor)) {
        *paragraph = format!("{}{}", &donor[..take], &paragraph[cut..]);
    }
}

fn plain_text(article: &Article) -> String {
    let mut text = String::new();
    for line in &article.top {
        writeln!(text, "{line}").unwrap();
    }
    writeln!(text, "\n{}\n", article.headline).unwrap();
    for paragraph in &article.body {
        writeln!(text, "{paragraph}\n").unwrap();
    }
    for line in &article.bottom {
        writeln!(text, "{line}").unwrap();
    }
    text
}

fn html_page(article: &Article) -> String {
    let escape = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut page = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{} | {}</title>\
         <meta property=\"og:site_name\" content=\"{}\"><meta property=\"article:published_time\" content=\"{}T08:00:00Z\">\
         </head><body><nav><ul>",
        escape(&article.headline),
        article.outlet,
        article.outlet,
        article.date
    );
    for item in &article.top {
        write!(page, "<li><a href=\"/section\">{}</a></li>", escape(item)).unwrap();
    }
    write!(
        page,
        "</ul></nav><article><h1>{}</h1>",
        escape(&article.headline)
    )
    .unwrap();
    for paragraph in &article.body {
        write!(page, "<p>{}</p>", escape(paragraph)).unwrap();
    }
    page.push_str("</article><aside><ul>");
    for item in &article.bottom {
        write!(page, "<li>{}</li>", escape(item)).unwrap();
    }
    page.push_str("</ul></aside><footer>All rights reserved.</footer></body></html>\n");
    page
}

fn jsonl_record(article: &Article, n: usize) -> String {
    let text = article.body.join("\n\n");
    format!(
        "{{\"title\":{},\"maintext\":{},\"source_domain\":{},\"url\":\"https://news{}.example.org/a/{n}\",\"date_publish\":\"{} 08:00:00\"}}",
        json_string(&article.headline),
        json_string(&text),
        json_string(&article.outlet),
        n % 7,
        article.date
    )
}

fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => write!(out, "\\u{:04x}", c as u32).unwrap(),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// UTF-8 mostly; some Windows-1252 and some UTF-16 with BOM.
fn encode(text: &str, rng: &mut Lcg) -> Vec<u8> {
    match rng.below(10) {
        0 | 1 => encoding_rs::WINDOWS_1252.encode(text).0.into_owned(),
        2 => {
            let mut bytes = vec![0xff, 0xfe];
            bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            bytes
        }
        _ => text.as_bytes().to_vec(),
    }
}

/// A 64-bit linear congruential generator (Knuth's MMIX constants):
/// plenty for shuffling test data, and the same on every machine.
struct Lcg(u64);

impl Lcg {
    fn new(seed: u64) -> Lcg {
        Lcg(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        if n == 0 {
            0
        } else {
            ((self.0 >> 33) % n as u64) as usize
        }
    }
}
