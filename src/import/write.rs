//! Writing the new site: refuse a target folder that is not ours or that
//! sits inside the source, then site.toml, one entry per note (front matter
//! through serde_yaml, so quoting is always right), the report, and a marker
//! listing what was written. Every path is built from slugs, so nothing can
//! land outside the target folder.

use crate::error::{Error, Result};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

/// Marks a folder as written by `rolebook import`; lists the files.
pub const MARKER: &str = ".rolebook-import";

/// The report file in the new site.
pub const REPORT_FILE: &str = "import-report.txt";

/// Front matter of an imported entry, in rolebook's keys.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Front {
    /// Display title.
    pub title: String,
    /// Abbreviation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abbr: Option<String>,
    /// Extra names.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Kind key.
    pub kind: String,
    /// One or two sentences.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Tags.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    /// Left out of builds.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
}

/// A declared kind for site.toml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindDecl {
    /// Singular label.
    pub label: String,
    /// Plural label.
    pub plural: String,
}

/// Checks the target folder and clears what an earlier import wrote there.
pub fn prepare(into: &Path, source: &Path) -> Result<()> {
    let unsafe_output = |reason: &str| Error::UnsafeOutput { path: into.to_path_buf(), reason: reason.to_owned() };
    let target = absolute(into);
    if target.starts_with(source) {
        return Err(unsafe_output("it is inside the source folder, which import never changes"));
    }
    if source.starts_with(&target) {
        return Err(unsafe_output("it contains the source folder"));
    }
    if into.exists() && !into.is_dir() {
        return Err(unsafe_output("it is a file"));
    }
    let marker = into.join(MARKER);
    let empty =
        !into.exists() || std::fs::read_dir(into).map_err(|e| Error::io("read folder", into, e))?.next().is_none();
    if empty {
        return Ok(());
    }
    if !marker.is_file() {
        return Err(unsafe_output("it is not empty and was not written by `rolebook import`"));
    }
    let listed = std::fs::read_to_string(&marker).map_err(|e| Error::io("read", &marker, e))?;
    for line in listed.lines().filter(|l| is_plain_relative(l)) {
        let path = into.join(line);
        if path.is_file() {
            std::fs::remove_file(&path).map_err(|e| Error::io("remove", &path, e))?;
        }
    }
    Ok(())
}

/// Only `a/b/c.md`-style paths: no root, no `..`.
fn is_plain_relative(path: &str) -> bool {
    !path.is_empty() && Path::new(path).components().all(|c| matches!(c, Component::Normal(_)))
}

/// `path` made absolute and free of `..` without touching the disk beyond
/// the part that exists.
pub fn absolute(path: &Path) -> PathBuf {
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name().map(|n| n.to_os_string()), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let base = if existing.as_os_str().is_empty() { PathBuf::from(".") } else { existing };
    let mut out = base.canonicalize().unwrap_or(base);
    for name in rest.into_iter().rev() {
        if name == ".." {
            out.pop();
        } else if name != "." {
            out.push(name);
        }
    }
    out
}

/// Collects files, then writes them and the marker.
#[derive(Debug, Default)]
pub struct Writer {
    files: BTreeMap<String, String>,
    copies: BTreeMap<String, PathBuf>,
}

impl Writer {
    /// Adds an entry at `content/<folders>/<slug>.md`; folders and slug are slugs.
    pub fn entry(&mut self, folders: &[String], slug: &str, front: &Front, withheld: &[String], body: &str) {
        let mut path = String::from("content/");
        for folder in folders.iter().filter(|f| !f.is_empty()) {
            path.push_str(folder);
            path.push('/');
        }
        path.push_str(slug);
        path.push_str(".md");
        self.files.insert(path, entry_text(front, withheld, body));
    }

    /// Adds a file at a fixed relative path.
    pub fn file(&mut self, path: &str, text: String) {
        self.files.insert(path.to_owned(), text);
    }

    /// Adds a copy of a source file (an image a note uses) at a relative path.
    pub fn copy(&mut self, path: &str, from: PathBuf) {
        self.copies.insert(path.to_owned(), from);
    }

    /// Writes everything under `into`.
    pub fn write(self, into: &Path) -> Result<usize> {
        let mut listed = String::new();
        for (relative, text) in &self.files {
            if !is_plain_relative(relative) {
                continue;
            }
            let path = into.join(relative);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| Error::io("create folder", parent, e))?;
            }
            std::fs::write(&path, text).map_err(|e| Error::io("write", &path, e))?;
            listed.push_str(relative);
            listed.push('\n');
        }
        for (relative, from) in &self.copies {
            if !is_plain_relative(relative) || self.files.contains_key(relative) {
                continue;
            }
            let path = into.join(relative);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| Error::io("create folder", parent, e))?;
            }
            std::fs::copy(from, &path).map_err(|e| Error::io("copy", from, e))?;
            listed.push_str(relative);
            listed.push('\n');
        }
        let marker = into.join(MARKER);
        std::fs::write(&marker, listed).map_err(|e| Error::io("write", &marker, e))?;
        Ok(self.files.len() + self.copies.len())
    }
}

fn entry_text(front: &Front, withheld: &[String], body: &str) -> String {
    let yaml =
        serde_yaml::to_string(front).unwrap_or_else(|_| format!("title: {:?}\nkind: {:?}\n", front.title, front.kind));
    let mut text = format!("---\n{yaml}");
    if !withheld.is_empty() {
        let names: Vec<String> = withheld.iter().map(|a| a.replace(['\n', '\r'], " ")).collect();
        let _ = writeln!(text, "# needs a person: also claimed by another note, so left out: {}", names.join(", "));
    }
    text.push_str("---\n");
    if !body.starts_with('\n') {
        text.push('\n');
    }
    text.push_str(body);
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// site.toml for the imported site.
pub fn site_toml(title: &str, default_kind: &str, kinds: &BTreeMap<String, KindDecl>, source: &str) -> String {
    let mut out = format!("# Written by `rolebook import` from {}.\n", toml_string(source));
    let _ = writeln!(out, "title = {}", toml_string(title));
    let _ = writeln!(out, "default_kind = {}", toml_string(default_kind));
    out.push_str("# An entry without `summary` takes its first paragraph, with a warning.\nsummary_from_body = true\n");
    for (key, kind) in kinds {
        let bare = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        let key = if bare { key.clone() } else { toml_string(key) };
        let (label, plural) = (toml_string(&kind.label), toml_string(&kind.plural));
        let _ = write!(out, "\n[kinds.{key}]\nlabel = {label}\nplural = {plural}\n");
    }
    out.push_str(RULES);
    // Images the notes name but the source lacks stay visible as missing
    // (when this rolebook checks image references at all).
    if crate::diag::Code::parse("broken-asset").is_some() {
        out.push_str(ASSET_RULE);
    }
    out
}

const ASSET_RULE: &str = "# Images the notes use that were not in the source (listed in
# import-report.txt) are warnings. To make them errors, set \"error\".
broken-asset = \"warn\"
";

/// Levels that let an imported site build on the first try, each with how
/// to make it strict again.
const RULES: &str = "
[rules]
# Links to notes that do not exist yet (the wanted pages listed in
# import-report.txt) are shown as unresolved links and reported as warnings,
# so the site builds at once. To make them errors again, set \"error\" or
# delete the line.
broken-link = \"warn\"
# Imported notes cite no sources. To be told which entries lack them, set
# \"warn\" or delete the line.
missing-sources = \"allow\"
";

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;

    #[test]
    fn writes_front_matter_that_reads_back() {
        let front = Front {
            title: "Yes: \"quoted\" #1".into(),
            aliases: vec!["no".into(), "@at".into()],
            kind: "concept".into(),
            summary: Some("A: b. [c]".into()),
            draft: true,
            ..Front::default()
        };
        let text = entry_text(&front, &["IaC".into()], "Body");
        let mut diagnostics = Diagnostics::new();
        let doc = crate::load::parse_document("content/x.md".into(), "x.md".into(), text.clone(), &mut diagnostics);
        assert!(diagnostics.is_empty(), "{text}");
        let Some(crate::load::FrontMatter::Entry(raw)) = doc.front else { panic!("{text}") };
        assert_eq!(raw.title.as_deref(), Some("Yes: \"quoted\" #1"));
        assert_eq!(raw.aliases, Some(vec!["no".into(), "@at".into()]));
        assert_eq!(raw.draft, Some(true));
        assert!(text.contains("# needs a person: also claimed by another note, so left out: IaC"), "{text}");
    }

    #[test]
    fn writes_a_site_toml_rolebook_accepts() {
        let mut kinds = BTreeMap::new();
        kinds.insert("faq".to_owned(), KindDecl { label: "FAQ \"x\"".into(), plural: "FAQ".into() });
        kinds.insert("entry".to_owned(), KindDecl { label: "Entry".into(), plural: "Entries".into() });
        let text = site_toml("My \"wiki\"", "entry", &kinds, "/tmp/a\\b");
        let mut diagnostics = Diagnostics::new();
        let config = crate::config::parse(&text, &mut diagnostics);
        assert!(diagnostics.is_empty(), "{text}");
        assert!(config.summary_from_body);
        assert_eq!(config.default_kind.as_deref(), Some("entry"));
        assert_eq!(config.kind("faq").map(|k| k.label.as_str()), Some("FAQ \"x\""));
        assert_eq!(config.rules.get(&crate::diag::Code::BrokenLink), Some(&crate::diag::Level::Warn));
        assert_eq!(config.rules.get(&crate::diag::Code::MissingSources), Some(&crate::diag::Level::Allow));
    }

    #[test]
    fn refuses_a_folder_that_is_not_ours_or_inside_the_source() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let source = dir.path().join("src");
        std::fs::create_dir_all(&source).unwrap_or_else(|e| panic!("{e}"));
        let source = source.canonicalize().unwrap_or_else(|e| panic!("{e}"));
        assert!(prepare(&source.join("out"), &source).is_err());
        let other = dir.path().join("other");
        std::fs::create_dir_all(&other).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(other.join("keep.txt"), "x").unwrap_or_else(|e| panic!("{e}"));
        assert!(prepare(&other, &source).is_err());
        std::fs::write(other.join(MARKER), "keep.txt\n../escape\n").unwrap_or_else(|e| panic!("{e}"));
        assert!(prepare(&other, &source).is_ok());
        assert!(!other.join("keep.txt").exists());
        assert!(prepare(&dir.path().join("new"), &source).is_ok());
    }
}
