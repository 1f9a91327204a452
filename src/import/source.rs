//! Reading the source glossary: every Markdown file under the content
//! folder, split into front matter (YAML `---` or TOML `+++`, read into a
//! generic map whatever its keys) and body. Nothing is written here.

use super::report::Report;
use super::Format;
use crate::error::{Error, Result};
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// One source file as read.
#[derive(Debug, Clone)]
pub struct Note {
    /// Path relative to the content folder, `/`-separated.
    pub path: String,
    /// File name without `.md`.
    pub stem: String,
    /// Front-matter keys as written, values as JSON-like data.
    pub front: Map<String, Value>,
    /// The Markdown body.
    pub body: String,
}

impl Note {
    /// The folders the note sits in, outermost first.
    pub fn folders(&self) -> Vec<&str> {
        let mut parts: Vec<&str> = self.path.split('/').collect();
        parts.pop();
        parts
    }

    /// The path without `.md`, as Obsidian links write it.
    pub fn link_path(&self) -> &str {
        self.path.strip_suffix(".md").or_else(|| self.path.strip_suffix(".markdown")).unwrap_or(&self.path)
    }

    /// A front-matter value by key, whatever its capitalization.
    pub fn field(&self, key: &str) -> Option<&Value> {
        self.front.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v)
    }
}

/// Everything read from the source.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// Markdown notes, sorted by path.
    pub notes: Vec<Note>,
    /// Other files (images…), relative to the source root, sorted.
    pub files: Vec<String>,
}

/// The folder whose Markdown files are the entries.
pub fn content_root(source: &Path, format: Format) -> PathBuf {
    match format {
        Format::Hugo | Format::Zola if source.join("content").is_dir() => source.join("content"),
        _ => source.to_path_buf(),
    }
}

/// Reads every Markdown file under `root`, skipping hidden folders and
/// symbolic links (a link out of the source is never followed).
pub fn read(source: &Path, root: &Path, report: &mut Report) -> Result<Sources> {
    let mut sources = Sources::default();
    let walker = walkdir::WalkDir::new(source).sort_by_file_name().follow_links(false);
    for item in walker.into_iter().filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name())) {
        let item = item.map_err(|e| {
            let path = e.path().map_or_else(|| source.to_path_buf(), Path::to_path_buf);
            Error::io("read folder", path, e.into())
        })?;
        if !item.file_type().is_file() {
            continue;
        }
        let Some(relative) = relative(item.path(), source) else {
            report.skipped.push(format!("{}: the file name is not valid UTF-8", item.path().display()));
            continue;
        };
        let in_root = item.path().starts_with(root);
        if !(in_root && is_markdown(item.path())) {
            sources.files.push(relative);
            continue;
        }
        let bytes = std::fs::read(item.path()).map_err(|e| Error::io("read", item.path(), e))?;
        let Ok(text) = String::from_utf8(bytes) else {
            report.skipped.push(format!("{relative}: not valid UTF-8"));
            continue;
        };
        let path = super::source::relative(item.path(), root).unwrap_or(relative);
        sources.notes.push(parse(path, &text, report));
    }
    sources.notes.sort_by(|a, b| a.path.cmp(&b.path));
    sources.files.sort();
    Ok(sources)
}

fn relative(path: &Path, base: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = path.strip_prefix(base).ok()?.components().map(|c| c.as_os_str().to_str()).collect();
    parts.map(|p| p.join("/"))
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

fn is_markdown(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("md") || e == "markdown")
}

/// Splits and parses one file. Front matter that cannot be read is
/// reported with its line and column; the note keeps its body.
pub fn parse(path: String, text: &str, report: &mut Report) -> Note {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file_name = path.rsplit('/').next().unwrap_or(&path);
    let stem = file_name.rsplit_once('.').map_or(file_name, |(stem, _)| stem).to_owned();
    let mut note = Note { path, stem, front: Map::new(), body: text.to_owned() };
    let Some((fence, yaml, body, first_line)) = split(text) else { return note };
    note.body = body.to_owned();
    let parsed = if fence == "+++" { parse_toml(yaml) } else { parse_yaml(yaml) };
    match parsed {
        Ok(front) => note.front = front,
        Err((line, column, message)) => {
            let line = first_line + line.saturating_sub(1);
            report.yaml_errors.push(format!("{}:{line}:{column}: {message}", note.path));
        }
    }
    note
}

/// `(fence, front matter, body, line of the first front-matter line)`.
fn split(text: &str) -> Option<(&'static str, &str, &str, usize)> {
    let fence = ["---", "+++"].into_iter().find(|f| text.lines().next().is_some_and(|l| l.trim_end() == *f))?;
    let start = text.find('\n')? + 1;
    let mut offset = start;
    for line in text[start..].split_inclusive('\n') {
        if line.trim_end() == fence {
            return Some((fence, &text[start..offset], &text[offset + line.len()..], 2));
        }
        offset += line.len();
    }
    None
}

type ParseError = (usize, usize, String);

fn parse_yaml(text: &str) -> std::result::Result<Map<String, Value>, ParseError> {
    if text.trim().is_empty() {
        return Ok(Map::new());
    }
    match serde_yaml::from_str::<serde_yaml::Value>(text) {
        Ok(serde_yaml::Value::Mapping(map)) => {
            Ok(map.into_iter().filter_map(|(k, v)| Some((key(&k)?, yaml(v)))).collect())
        }
        Ok(serde_yaml::Value::Null) => Ok(Map::new()),
        Ok(_) => Err((1, 1, "the front matter is not a list of `key: value` lines".into())),
        Err(e) => {
            let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
            let message = e.to_string();
            let message = message.rfind(" at line ").map_or(message.clone(), |cut| message[..cut].to_owned());
            Err((line, column, message))
        }
    }
}

fn key(value: &serde_yaml::Value) -> Option<String> {
    match value {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn yaml(value: serde_yaml::Value) -> Value {
    match value {
        serde_yaml::Value::Null => Value::Null,
        serde_yaml::Value::Bool(b) => Value::Bool(b),
        serde_yaml::Value::Number(n) => {
            n.as_i64().map(Value::from).or_else(|| n.as_f64().map(Value::from)).unwrap_or(Value::Null)
        }
        serde_yaml::Value::String(s) => Value::String(s),
        serde_yaml::Value::Sequence(items) => Value::Array(items.into_iter().map(yaml).collect()),
        serde_yaml::Value::Mapping(map) => {
            Value::Object(map.into_iter().filter_map(|(k, v)| Some((key(&k)?, yaml(v)))).collect())
        }
        serde_yaml::Value::Tagged(tagged) => yaml(tagged.value),
    }
}

fn parse_toml(text: &str) -> std::result::Result<Map<String, Value>, ParseError> {
    match text.parse::<toml::Table>() {
        Ok(table) => Ok(table.into_iter().map(|(k, v)| (k, toml_value(v))).collect()),
        Err(e) => {
            let offset = e.span().map_or(0, |s| s.start).min(text.len());
            let before = &text[..offset];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(1, |l| l.chars().count() + 1);
            Err((line, column, e.message().to_owned()))
        }
    }
}

fn toml_value(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_value).collect()),
        toml::Value::Table(table) => Value::Object(table.into_iter().map(|(k, v)| (k, toml_value(v))).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_yaml_and_toml_front_matter() {
        let mut report = Report::default();
        let note = parse("a/B c.md".into(), "---\nAliases: [X]\npublish: false\n---\nBody\n", &mut report);
        assert_eq!(note.stem, "B c");
        assert_eq!(note.field("aliases"), Some(&serde_json::json!(["X"])));
        assert_eq!(note.body, "Body\n");
        let note = parse("x.md".into(), "+++\ntitle = \"T\"\ndate = 2024-01-02\n+++\nB", &mut report);
        assert_eq!(note.field("title"), Some(&serde_json::json!("T")));
        assert_eq!(note.field("date"), Some(&serde_json::json!("2024-01-02")));
        assert!(report.yaml_errors.is_empty());
    }

    #[test]
    fn reports_broken_front_matter_with_its_line_and_keeps_the_body() {
        let mut report = Report::default();
        let note = parse("x.md".into(), "---\ntitle: a\nbad: [x\n---\nBody", &mut report);
        assert_eq!(note.body, "Body");
        assert!(report.yaml_errors[0].starts_with("x.md:"), "{:?}", report.yaml_errors);
    }

    #[test]
    fn reads_the_question_marks_libyaml_accepts() {
        let mut report = Report::default();
        let note = parse("x.md".into(), "---\nAliases: [Am I a Data Engineer?, Am I?]\n---\n", &mut report);
        assert_eq!(note.field("Aliases"), Some(&serde_json::json!(["Am I a Data Engineer?", "Am I?"])));
    }
}
