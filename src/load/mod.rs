//! Stage 1, disk → sources: read site.toml and every Markdown file under
//! `content/`, split front matter from body and parse the YAML. Nothing is
//! interpreted here; `resolve` turns names into links.

pub mod change;
mod controls;
pub mod fields;
mod files;
mod flat_yaml;
pub mod front_matter;
mod open;
mod placeholder;
pub mod raw;
mod source;
pub mod yaml;

pub use front_matter::{FrontMatter, Key};
pub use source::SourceFile;

use crate::config::{self, SiteConfig, CONFIG_FILE};
use crate::diag::{Code, Diagnostic, Diagnostics, LineIndex};
use crate::error::{Error, Result};
use crate::markdown::ParsedBody;
use crate::site_files::{self, SiteFile, SiteFiles};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The content folder inside a site root.
pub const CONTENT_DIR: &str = "content";

/// A parsed content file.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The file it came from.
    pub source: SourceFile,
    /// Front matter, or `None` when it could not be read (already reported).
    pub front: Option<FrontMatter>,
    /// Top-level front-matter keys and where they are.
    pub keys: Vec<Key>,
    /// Byte offset where the Markdown body starts.
    pub body: usize,
    /// The body, parsed once for every later stage (empty when the front
    /// matter could not be read: such a file is not rendered).
    pub parsed: Arc<ParsedBody>,
}

impl Document {
    /// The Markdown body.
    pub fn body_text(&self) -> &str {
        self.source.text.get(self.body..).unwrap_or("")
    }

    /// The text before the body: the front matter with its `---` lines.
    pub fn front_matter_text(&self) -> &str {
        self.source.text.get(..self.body).unwrap_or(&self.source.text)
    }

    /// Byte offset of a top-level key, or of the start of the front matter.
    pub fn key_offset(&self, key: &str) -> usize {
        self.keys.iter().find(|k| k.name == key).map_or(0, |k| k.offset)
    }

    /// Byte offset of `needle` inside the value of top-level `key`
    /// (falls back to the key itself), so diagnostics point at the name.
    pub fn value_offset(&self, key: &str, needle: &str) -> usize {
        let Some(position) = self.keys.iter().position(|k| k.name == key) else { return 0 };
        let start = self.keys[position].offset;
        let end = self.keys.get(position + 1).map_or(self.body, |k| k.offset);
        self.source.text.get(start..end).and_then(|s| s.find(needle)).map_or(start, |i| start + i)
    }
}

impl Loaded {
    /// Takes out what only `resolve` reads (file texts, line indexes, raw
    /// front matter), keeping each body's parse and the paths that
    /// rendering uses: a large build then renders in far less memory.
    /// Freeing it costs time (50 000 front-matter trees: 150 ms on one
    /// thread), so the caller drops the result where that does not wait,
    /// such as on a thread of its own while pages render.
    pub fn take_sources(&mut self) -> Sources {
        let taken = self.documents.iter_mut().map(|document| {
            document.body = 0;
            Released {
                _text: std::mem::take(&mut document.source.text),
                _index: std::mem::replace(&mut document.source.index, LineIndex::new("")),
                _front: document.front.take(),
                _keys: std::mem::take(&mut document.keys),
            }
        });
        Sources { _documents: taken.collect() }
    }
}

/// What [`Loaded::take_sources`] took out of the documents: only dropped.
#[derive(Debug)]
pub struct Sources {
    _documents: Vec<Released>,
}

impl Sources {
    /// Frees everything on every core, so that what comes next reuses the
    /// memory instead of touching new pages.
    pub fn free(self) {
        self._documents.into_par_iter().for_each(drop);
    }
}

#[derive(Debug)]
struct Released {
    _text: String,
    _index: LineIndex,
    _front: Option<FrontMatter>,
    _keys: Vec<Key>,
}

/// Everything read from disk.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The site root.
    pub root: PathBuf,
    /// site.toml, validated.
    pub config: SiteConfig,
    /// Content files in path order.
    pub documents: Vec<Document>,
    /// Assets under `content/` and files under `static/`.
    pub files: SiteFiles,
}

/// Reads a site. Fatal only for I/O problems and a missing site.toml; every
/// content problem is a diagnostic.
pub fn load(root: &Path, diagnostics: &mut Diagnostics) -> Result<Loaded> {
    let parts = load_parts(root)?;
    diagnostics.extend(parts.site_diagnostics);
    for local in parts.document_diagnostics {
        diagnostics.extend(local);
    }
    Ok(parts.loaded)
}

/// A loaded site with each document's diagnostics kept apart, so `serve`
/// can re-read one changed file ([`change::apply`]) instead of all.
#[derive(Debug, Clone)]
pub struct Parts {
    /// What was read.
    pub loaded: Loaded,
    /// Problems with site.toml and file names.
    pub site_diagnostics: Diagnostics,
    /// Each document's problems, by index into `loaded.documents`.
    pub document_diagnostics: Vec<Diagnostics>,
}

impl Parts {
    /// Every load diagnostic, as [`load`] reports them.
    pub fn diagnostics(&self) -> Diagnostics {
        let mut all = self.site_diagnostics.clone();
        for local in &self.document_diagnostics {
            all.extend(local.clone());
        }
        all
    }
}

/// [`load`], keeping each document's diagnostics apart.
pub fn load_parts(root: &Path) -> Result<Parts> {
    let config_path = root.join(CONFIG_FILE);
    if !config_path.is_file() {
        return Err(Error::NoSite(root.to_path_buf()));
    }
    let mut site_diagnostics = Diagnostics::new();
    if std::fs::symlink_metadata(&config_path).is_ok_and(|m| m.file_type().is_symlink()) {
        site_diagnostics.push(
            Diagnostic::new(Code::InvalidConfig, CONFIG_FILE, "site.toml is a symbolic link; it is never followed")
                .suggest("put the configuration itself in site.toml"),
        );
        let loaded = Loaded {
            root: root.to_path_buf(),
            config: SiteConfig::default(),
            documents: Vec::new(),
            files: SiteFiles::default(),
        };
        return Ok(Parts { loaded, site_diagnostics, document_diagnostics: Vec::new() });
    }
    let config_text =
        read_text(&config_path, CONFIG_FILE, MAX_CONFIG_BYTES, None, &mut site_diagnostics)?.unwrap_or_default();
    let config = config::parse(&config_text, &mut site_diagnostics);
    // Content read against a half-read config gets blamed for the config's
    // mistakes (unknown kinds, relations, facets…): report site.toml alone.
    if site_diagnostics.has_errors(&config.rules) {
        // What site.toml names in the content cannot be looked up either.
        let config = config::SiteConfig { start_here: Vec::new(), ..config };
        let files = SiteFiles::default();
        let loaded = Loaded { root: root.to_path_buf(), config, documents: Vec::new(), files };
        return Ok(Parts { loaded, site_diagnostics, document_diagnostics: Vec::new() });
    }
    let (paths, assets) = content_paths(root, &mut site_diagnostics)?;
    let statics = files::statics(root, &mut site_diagnostics)?;
    let files = SiteFiles { assets, statics };
    let results: Vec<Result<(Option<Document>, Diagnostics)>> = paths
        .par_iter()
        .map(|(path, relative, id)| {
            let mut local = Diagnostics::new();
            let document = read_document(path, relative, *id, &mut local)?;
            Ok((document, local))
        })
        .collect();
    let mut documents = Vec::with_capacity(results.len());
    let mut document_diagnostics = Vec::with_capacity(results.len());
    for result in results {
        match result? {
            (Some(document), local) => {
                documents.push(document);
                document_diagnostics.push(local);
            }
            // An unreadable file is no document; its problem is the site's.
            (None, local) => site_diagnostics.extend(local),
        }
    }
    let loaded = Loaded { root: root.to_path_buf(), config, documents, files };
    Ok(Parts { loaded, site_diagnostics, document_diagnostics })
}

/// Parses one file's text into a document (used by `load` and by tests).
pub fn parse_document(path: String, content_path: String, text: String, diagnostics: &mut Diagnostics) -> Document {
    let text = controls::strip(&path, text, diagnostics);
    let source = SourceFile::new(path, content_path, text);
    let Some(split) = front_matter::split(&source, diagnostics) else {
        return Document { source, front: None, keys: Vec::new(), body: 0, parsed: Arc::default() };
    };
    let keys = front_matter::top_level_keys(&source.text, split);
    let front = front_matter::parse(&source, split, &keys, diagnostics);
    placeholder::check(&source, split, &keys, diagnostics);
    let parsed = Arc::new(crate::markdown::body::parse(source.text.get(split.body..).unwrap_or("")));
    Document { source, front, keys, body: split.body, parsed }
}

fn read_document(
    path: &Path,
    relative: &str,
    id: Option<open::FileId>,
    diagnostics: &mut Diagnostics,
) -> Result<Option<Document>> {
    let site_path = format!("{CONTENT_DIR}/{relative}");
    let Some(text) = read_text(path, &site_path, MAX_CONTENT_BYTES, id, diagnostics)? else { return Ok(None) };
    Ok(Some(parse_document(site_path, relative.to_owned(), text, diagnostics)))
}

/// The largest content file read: forty times a long entry. What a body
/// costs grows with its links and headings (about 2 KB each, rendered with
/// their previews), so this keeps `check` on any one entry under 100 MB.
pub const MAX_CONTENT_BYTES: u64 = 200 * 1024;

/// The largest site.toml read.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Reads a file as UTF-8; invalid bytes are a diagnostic at their position.
/// A file over `limit` bytes is a `file-too-large` diagnostic, read no
/// further than the limit; one that is no longer the regular file `id` the
/// walk saw is skipped (see `open`).
fn read_text(
    path: &Path,
    site_path: &str,
    limit: u64,
    id: Option<open::FileId>,
    diagnostics: &mut Diagnostics,
) -> Result<Option<String>> {
    use std::io::Read;
    let (file, size) = match open::open_regular(path, id).map_err(|e| Error::io("read", path, e))? {
        Ok(opened) => opened,
        Err(what) => {
            diagnostics.push(
                Diagnostic::new(Code::SkippedFile, site_path, format!("skipped: {what} is never read"))
                    .suggest("put the file itself in the site, and do not change it during a build"),
            );
            return Ok(None);
        }
    };
    // One allocation of the size `fstat` gave (plus the byte that tells a
    // file grown past the limit, and that lets `read_to_end` see the end
    // without growing): a doubling buffer would copy the text several times
    // and keep up to twice its size for the whole build.
    let expected = size.min(limit) as usize + 1;
    let mut bytes = Vec::with_capacity(expected);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| Error::io("read", path, e))?;
    if bytes.len() as u64 > limit {
        let size = size.max(bytes.len() as u64);
        let message = format!("the file holds {} KB; at most {} KB are read", size.div_ceil(1024), limit / 1024);
        diagnostics.push(
            Diagnostic::new(Code::FileTooLarge, site_path, message)
                .suggest("split it into several entries, or move long material to a linked source"),
        );
        return Ok(None);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Some(text)),
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&error.as_bytes()[..valid]).into_owned();
            let index = LineIndex::new(&prefix);
            diagnostics.push(
                Diagnostic::new(Code::InvalidUtf8, site_path, "the file is not valid UTF-8")
                    .at_offset(&index, &prefix, valid, 1)
                    .suggest("save the file as UTF-8"),
            );
            Ok(None)
        }
    }
}

/// Markdown files under `content/` (absolute, below `content/`, and the
/// identity the walk saw), sorted by path, and the other files there
/// (assets), skipping hidden files and not following symlinks (a link out
/// of the site is never read; a linked asset is listed as such, and never
/// copied).
type ContentFiles = (Vec<(PathBuf, String, Option<open::FileId>)>, Vec<SiteFile>);

fn content_paths(root: &Path, diagnostics: &mut Diagnostics) -> Result<ContentFiles> {
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        return Ok((Vec::new(), Vec::new()));
    }
    let mut paths = Vec::new();
    let mut assets = Vec::new();
    let walker = walkdir::WalkDir::new(&content).sort_by_file_name().follow_links(false);
    for item in walker.into_iter().filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name())) {
        let item = item.map_err(|e| {
            let path = e.path().map_or_else(|| content.clone(), Path::to_path_buf);
            Error::io("read folder", path, e.into())
        })?;
        let relative = item.path().strip_prefix(&content).unwrap_or(item.path());
        if let Some(what) = files::special_kind(item.file_type()) {
            diagnostics.push(files::skipped(CONTENT_DIR, relative, what));
            // A linked asset stays listed (never copied), so that a body
            // referring to it is told why it is missing.
            let linked = item.file_type().is_symlink() && !is_markdown(item.path());
            if let Some(path) = relative_string(relative).filter(|p| linked && site_files::unpublishable(p).is_none()) {
                assets.push(SiteFile { path, symlink: true });
            }
            continue;
        }
        if !item.file_type().is_file() {
            continue;
        }
        match relative_string(relative) {
            Some(relative) if is_markdown(item.path()) => {
                let id = item.metadata().ok().and_then(|m| open::FileId::of(&m));
                paths.push((item.path().to_path_buf(), relative, id));
            }
            Some(relative) => match site_files::unpublishable(&relative) {
                None => assets.push(SiteFile { path: relative, symlink: false }),
                Some(c) => diagnostics.push(files::unpublishable(&format!("{CONTENT_DIR}/{relative}"), c)),
            },
            None => diagnostics.push(Diagnostic::new(
                Code::InvalidSlug,
                format!("{CONTENT_DIR}/{}", relative.to_string_lossy()),
                "the file name is not valid UTF-8; rename it",
            )),
        }
    }
    assets.sort();
    Ok((paths, assets))
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

fn is_markdown(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("md"))
}

fn relative_string(path: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = path.components().map(|c| c.as_os_str().to_str()).collect();
    parts.map(|p| p.join("/"))
}
