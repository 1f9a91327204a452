//! `--from csv`: a spreadsheet of terms → [`Record`]s. Columns are found by
//! their header, in any case and spacing: title (or term, name,
//! displayName, prefLabel), abbr (abbreviation, acronym), aliases
//! (synonyms, altLabel), kind (type, category), summary (definition,
//! description), tags, owners (owner), status (glossaryStatus), slug; any
//! other column is a relation whose cells name other terms. Several values
//! in one cell are separated by `;` or `|`. Problems name the row as a
//! spreadsheet numbers it (the header is row 1).
//!
//! The reader is RFC 4180 (quoted fields with `""`, line breaks inside
//! quotes, CRLF or LF), written here to keep the `csv` crate a test-only
//! dependency.

use super::table::{relation_key, values, Problem, Record};

/// Columns read for something else than a relation, or deliberately not
/// read (rolebook's own `url`, OpenMetadata's presentation columns).
const IGNORED: &[&str] = &["url", "references", "reviewers", "color", "iconurl", "extension", "parent", "id"];

/// Which field a header names, if it is not a relation.
fn field_of(header: &str) -> Option<&'static str> {
    let key: String =
        header.trim().trim_end_matches('*').to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect();
    Some(match key.as_str() {
        "title" | "term" | "name" | "displayname" | "preflabel" | "label" => "title",
        "abbr" | "abbreviation" | "acronym" => "abbr",
        "aliases" | "alias" | "synonyms" | "altlabel" => "aliases",
        "kind" | "type" | "category" => "kind",
        "summary" | "definition" | "description" => "summary",
        "tags" | "keywords" => "tags",
        "owners" | "owner" => "owners",
        "status" | "glossarystatus" => "status",
        "slug" => "slug",
        "relatedterms" => "relatedTerms",
        _ if IGNORED.contains(&key.as_str()) => "ignored",
        _ => return None,
    })
}

/// Reads the CSV text into records and the problems found while reading.
pub fn read(text: &str) -> (Vec<Record>, Vec<Problem>) {
    let rows = parse(text.strip_prefix('\u{feff}').unwrap_or(text));
    let mut problems = Vec::new();
    let Some((_, header)) = rows.first() else {
        problems.push(Problem::new("header", "the file is empty"));
        return (Vec::new(), problems);
    };
    let fields: Vec<Option<&str>> = header.iter().map(|h| field_of(h)).collect();
    // When both `name` and `displayName` are there (OpenMetadata), the
    // display name is the title and the name the slug.
    let display = header.iter().position(|h| h.trim().eq_ignore_ascii_case("displayName"));
    if !fields.contains(&Some("title")) {
        problems.push(Problem::new("header", "no title column (title, term, name or prefLabel): nothing to import"));
        return (Vec::new(), problems);
    }
    for (column, name) in header.iter().enumerate().filter(|(i, _)| fields[*i].is_none()) {
        if relation_key(name).is_empty() {
            problems.push(Problem::new("header", format!("column {} has no name: ignored", column + 1)));
        }
    }
    let mut records = Vec::new();
    for (line, row) in rows.iter().skip(1) {
        if row.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let place = format!("row {line}");
        if row.len() > header.len() {
            problems.push(Problem::new(
                &place,
                format!("{} cells, the header has {}: the extra ones are ignored", row.len(), header.len()),
            ));
        }
        let mut record = Record { place, ..Record::default() };
        for (column, cell) in row.iter().enumerate().take(header.len()) {
            let cell = cell.trim();
            if cell.is_empty() {
                continue;
            }
            let name = header[column].as_str();
            let is_name_beside_display = display.is_some_and(|d| d != column) && field_of(name) == Some("title");
            match fields[column] {
                Some("title") if is_name_beside_display => record.slug = Some(cell.to_owned()),
                Some("title") => record.title = cell.to_owned(),
                Some("abbr") => record.abbr = Some(cell.to_owned()),
                Some("aliases") => record.aliases = values(cell),
                Some("kind") => record.kind = Some(cell.to_owned()),
                Some("summary") => record.summary = Some(cell.to_owned()),
                Some("tags") => record.tags = values(cell).into_iter().map(|t| t.to_lowercase()).collect(),
                Some("owners") => record.owners = owners(cell),
                Some("status") => record.status = Some(cell.to_owned()),
                Some("slug") => record.slug = Some(cell.to_owned()),
                Some("relatedTerms") => related_terms(cell, &mut record),
                Some(_) => {}
                None => record.links.entry(name.trim().to_owned()).or_default().extend(values(cell)),
            }
        }
        records.push(record);
    }
    (records, problems)
}

/// Owners, one per value; OpenMetadata's `team;x;user;y` pairs become `x`
/// and `@y`.
fn owners(cell: &str) -> Vec<String> {
    let parts = values(cell);
    let typed = parts.len() % 2 == 0
        && parts.chunks(2).all(|pair| pair[0].eq_ignore_ascii_case("user") || pair[0].eq_ignore_ascii_case("team"));
    if !typed {
        return parts;
    }
    parts
        .chunks(2)
        .map(|pair| if pair[0].eq_ignore_ascii_case("user") { format!("@{}", pair[1]) } else { pair[1].clone() })
        .collect()
}

/// OpenMetadata's `relatedTerms`: `[type:]Glossary.term` values; the type
/// is the relation (default `related`), the last part of the name the term.
fn related_terms(cell: &str, record: &mut Record) {
    for value in values(cell) {
        let (kind, name) = match value.split_once(':') {
            Some((kind, name)) if !kind.contains('.') => (kind.trim().to_owned(), name.trim().to_owned()),
            _ => ("related".to_owned(), value.clone()),
        };
        let kind = if kind == "relatedTo" { "related".to_owned() } else { kind };
        let term = name.rsplit('.').next().unwrap_or(&name).to_owned();
        record.links.entry(kind).or_default().push(term);
    }
}

/// RFC 4180 rows, each with the line it starts on (1-based).
fn parse(text: &str) -> Vec<(usize, Vec<String>)> {
    let mut rows = Vec::new();
    let (mut row, mut field) = (Vec::new(), String::new());
    let (mut line, mut start) = (1, 1);
    let (mut quoted, mut any) = (false, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        any = true;
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push((start, std::mem::take(&mut row)));
                line += 1;
                start = line;
                any = false;
            }
            (false, c) => field.push(c),
        }
    }
    if any {
        row.push(field);
        rows.push((start, row));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_quotes_doubled_quotes_and_line_breaks() {
        let rows = parse("a,b\r\n\"x, \"\"y\"\"\",\"two\nlines\"\nlast,\n");
        assert_eq!(rows[0], (1, vec!["a".to_owned(), "b".to_owned()]));
        assert_eq!(rows[1], (2, vec!["x, \"y\"".to_owned(), "two\nlines".to_owned()]));
        assert_eq!(rows[2], (4, vec!["last".to_owned(), String::new()]));
    }

    #[test]
    fn maps_columns_by_name_and_reads_relations() {
        let text = "Term,Definition,Synonyms,Owners,works_with,Status\n\
                    Data Owner,Answers for data.,DO; Owner,@acme/x,Data Steward,approved\n";
        let (records, problems) = read(text);
        assert!(problems.is_empty(), "{problems:?}");
        let r = &records[0];
        assert_eq!((r.title.as_str(), r.place.as_str()), ("Data Owner", "row 2"));
        assert_eq!(r.aliases, ["DO", "Owner"]);
        assert_eq!(r.links["works_with"], ["Data Steward"]);
        assert_eq!(r.status.as_deref(), Some("approved"));
    }

    #[test]
    fn reads_openmetadata_rows() {
        let text = "parent,name*,displayName,description,relatedTerms,owner,glossaryStatus\n\
                    ,data-owner,Data Owner,Answers.,broader:G.data-steward;G.x,team;office;user;jane,Draft\n";
        let (records, _) = read(text);
        let r = &records[0];
        assert_eq!((r.title.as_str(), r.slug.as_deref()), ("Data Owner", Some("data-owner")));
        assert_eq!(r.links["broader"], ["data-steward"]);
        assert_eq!(r.links["related"], ["x"]);
        assert_eq!(r.owners, ["office", "@jane"]);
    }
}
