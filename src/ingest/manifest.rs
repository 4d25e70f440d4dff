//! Document metadata: the analyst's `sources.csv` manifest, which wins over
//! what a document says about itself, and date parsing.

use crate::model::Meta;
use std::collections::BTreeMap;
use std::path::Path;

/// Reads a `sources.csv` manifest: `file,outlet,url,published,language`, all
/// columns but `file` optional. Rows that cannot be used become warnings.
pub fn read_manifest(path: &Path) -> Result<(BTreeMap<String, Meta>, Vec<String>), csv::Error> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_path(path)?;
    let header = reader.headers()?.clone();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let (file, outlet, url, published, language) = (
        column("file"),
        column("outlet"),
        column("url"),
        column("published"),
        column("language"),
    );
    let mut manifest = BTreeMap::new();
    let mut warnings = Vec::new();
    let Some(file) = file else {
        warnings.push(format!(
            "{}: no `file` column; manifest ignored",
            path.display()
        ));
        return Ok((manifest, warnings));
    };
    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                warnings.push(format!("{}: line {line}: {err}", path.display()));
                continue;
            }
        };
        let field = |col: Option<usize>| {
            col.and_then(|c| record.get(c))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let name = field(Some(file));
        if name.is_empty() {
            warnings.push(format!("{}: line {line}: empty `file`", path.display()));
            continue;
        }
        let date_text = field(published);
        let date = parse_date(&date_text);
        if date.is_none() && !date_text.is_empty() {
            warnings.push(format!(
                "{}: line {line}: cannot read date {date_text:?}",
                path.display()
            ));
        }
        manifest.insert(
            name,
            Meta {
                outlet: field(outlet),
                url: field(url),
                published: date,
                language: field(language),
                title: String::new(),
            },
        );
    }
    Ok((manifest, warnings))
}

/// Overrides `meta` with every non-empty field of the manifest entry.
pub fn apply_manifest(meta: &mut Meta, entry: Option<&Meta>) {
    let Some(entry) = entry else { return };
    let replace = |field: &mut String, value: &String| {
        if !value.is_empty() {
            field.clone_from(value);
        }
    };
    replace(&mut meta.outlet, &entry.outlet);
    replace(&mut meta.url, &entry.url);
    replace(&mut meta.language, &entry.language);
    replace(&mut meta.title, &entry.title);
    if entry.published.is_some() {
        meta.published = entry.published;
    }
}

/// Parses the date of a date or date-time as metadata writes it: ISO 8601
/// (`2021-02-16`, `2021-02-16T10:00:00Z`, `2021/02/16`) or RFC 2822
/// (`Tue, 16 Feb 2021 10:00:00 +0000`). Day-month order is never guessed.
pub fn parse_date(text: &str) -> Option<chrono::NaiveDate> {
    let text = text.trim();
    let head = text.get(..10).unwrap_or(text);
    chrono::NaiveDate::parse_from_str(head, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(head, "%Y/%m/%d"))
        .ok()
        .or_else(|| {
            chrono::DateTime::parse_from_rfc2822(text)
                .ok()
                .map(|date| date.date_naive())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_metadata_formats() {
        let day = chrono::NaiveDate::from_ymd_opt(2021, 2, 16);
        assert_eq!(parse_date("2021-02-16"), day);
        assert_eq!(parse_date(" 2021-02-16T10:00:00+04:30 "), day);
        assert_eq!(parse_date("2021/02/16"), day);
        assert_eq!(parse_date("Tue, 16 Feb 2021 10:00:00 +0000"), day);
        assert_eq!(parse_date("16/02/2021"), None);
        assert_eq!(parse_date("Friday"), None);
        assert_eq!(parse_date(""), None);
    }

    #[test]
    fn manifest_fields_win_when_given() {
        let mut meta = Meta {
            outlet: "from-page".into(),
            url: "https://page.example".into(),
            ..Meta::default()
        };
        let entry = Meta {
            outlet: "Manifest Outlet".into(),
            published: parse_date("2020-01-02"),
            ..Meta::default()
        };
        apply_manifest(&mut meta, Some(&entry));
        assert_eq!(meta.outlet, "Manifest Outlet");
        assert_eq!(meta.url, "https://page.example");
        assert_eq!(meta.published, parse_date("2020-01-02"));
    }
}
