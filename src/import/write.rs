//! Writing the new site: refuse a target folder that is not ours or that
//! sits inside the source, then site.toml, one entry per note (front matter
//! through serde_yaml, so quoting is always right), the report, and a marker
//! listing what was written. Every path is built from slugs, so nothing can
//! land outside the target folder; and no symlink inside it is ever
//! followed, for writing or for removing (a `content -> ~/notes` planted in
//! the folder would otherwise be written into, or emptied by a re-import).

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
    if std::fs::symlink_metadata(&marker).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(unsafe_output(&format!("its {MARKER} is a symbolic link, which import never follows")));
    }
    let listed = std::fs::read_to_string(&marker).map_err(|e| Error::io("read", &marker, e))?;
    let listed: Vec<&str> = listed.lines().filter(|l| is_plain_relative(l)).collect();
    // Everything is checked before anything is removed.
    for relative in listed.iter().copied().chain(["content"]) {
        if let Some(link) = symlink_in(into, relative) {
            return Err(unsafe_output(&format!("{} is a symbolic link, which import never follows", link.display())));
        }
    }
    let real_into = into.canonicalize().map_err(|e| Error::io("open", into, e))?;
    for relative in listed {
        let path = into.join(relative);
        let regular = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
        // Only a file that really is inside the folder, whatever its path says.
        if regular && path.canonicalize().is_ok_and(|real| real.starts_with(&real_into)) {
            std::fs::remove_file(&path).map_err(|e| Error::io("remove", &path, e))?;
        }
    }
    Ok(())
}

/// The first part of `into/relative` that exists and is a symlink.
fn symlink_in(into: &Path, relative: &str) -> Option<PathBuf> {
    let mut path = into.to_path_buf();
    for part in Path::new(relative).components() {
        path.push(part);
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => return Some(path),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    None
}

/// Writes a new file at `path`, never through a symlink in its place, and
/// as a new file: a hard link to a file elsewhere is replaced, not written into.
fn write_new(path: &Path, text: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path)?.write_all(text)
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

    /// Writes everything under `into`, refusing any path through a symlink.
    pub fn write(self, into: &Path) -> Result<usize> {
        let mut listed = String::new();
        for (relative, text) in &self.files {
            if !is_plain_relative(relative) {
                continue;
            }
            write_inside(into, relative, text.as_bytes())?;
            listed.push_str(relative);
            listed.push('\n');
        }
        for (relative, from) in &self.copies {
            if !is_plain_relative(relative) || self.files.contains_key(relative) {
                continue;
            }
            let bytes = std::fs::read(from).map_err(|e| Error::io("read", from, e))?;
            write_inside(into, relative, &bytes)?;
            listed.push_str(relative);
            listed.push('\n');
        }
        write_inside(into, MARKER, listed.as_bytes())?;
        Ok(self.files.len() + self.copies.len())
    }
}

/// Writes `into/relative`, creating its folders, unless a part of it is a symlink.
fn write_inside(into: &Path, relative: &str, bytes: &[u8]) -> Result<()> {
    let refuse = |link: PathBuf| Error::UnsafeOutput {
        path: into.to_path_buf(),
        reason: format!("{} is a symbolic link, which import never follows", link.display()),
    };
    if let Some(link) = symlink_in(into, relative) {
        return Err(refuse(link));
    }
    let path = into.join(relative);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io("create folder", parent, e))?;
    }
    // Checked again: a symlink may have appeared while the folders were made.
    if let Some(link) = symlink_in(into, relative) {
        return Err(refuse(link));
    }
    write_new(&path, bytes).map_err(|e| Error::io("write", &path, e))
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
    out
}

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
# Images the notes use that were not in the source (listed in
# import-report.txt) are warnings. To make them errors, set \"error\".
broken-asset = \"warn\"
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

    #[cfg(unix)]
    #[test]
    fn never_writes_or_removes_through_a_symlink_inside_the_folder() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let (source, into, victim) = (dir.path().join("src"), dir.path().join("out"), dir.path().join("victim"));
        for folder in [&source, &into, &victim] {
            std::fs::create_dir_all(folder).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(victim.join("a.md"), "keep").unwrap_or_else(|e| panic!("{e}"));
        std::os::unix::fs::symlink(&victim, into.join("content")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(into.join(MARKER), "content/a.md\n").unwrap_or_else(|e| panic!("{e}"));
        let refused = prepare(&into, &source).map(|_| ()).unwrap_err().to_string();
        assert!(refused.contains("symbolic link"), "{refused}");
        let mut writer = Writer::default();
        writer.file("content/a.md", "replaced".into());
        assert!(writer.write(&into).is_err());
        assert_eq!(std::fs::read_to_string(victim.join("a.md")).unwrap_or_default(), "keep");
        std::fs::remove_file(into.join("content")).unwrap_or_else(|e| panic!("{e}"));
        std::os::unix::fs::symlink(victim.join("a.md"), into.join("site.toml")).unwrap_or_else(|e| panic!("{e}"));
        let mut writer = Writer::default();
        writer.file("site.toml", "replaced".into());
        assert!(writer.write(&into).is_err());
        assert_eq!(std::fs::read_to_string(victim.join("a.md")).unwrap_or_default(), "keep");
        std::fs::remove_file(into.join("site.toml")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::hard_link(victim.join("a.md"), into.join("site.toml")).unwrap_or_else(|e| panic!("{e}"));
        let mut writer = Writer::default();
        writer.file("site.toml", "replaced".into());
        writer.write(&into).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(std::fs::read_to_string(victim.join("a.md")).unwrap_or_default(), "keep");
        assert_eq!(std::fs::read_to_string(into.join("site.toml")).unwrap_or_default(), "replaced");
    }
}
