//! Themes: tera templates and static files from `themes/<name>/`, falling
//! back to the default theme embedded in the binary, so a site without a
//! `themes/` folder still builds and a theme may override single files.
//!
//! A theme arrives with the site, possibly from a pull request, so nothing
//! outside `themes/<name>/` is ever read: the name must be a plain folder
//! name, and no symlink is followed (`static -> ~/.ssh` would publish the
//! keys). Symlinks and other non-files are skipped with a `skipped-file`
//! warning, carried in [`Theme::skipped`].

use crate::diag::{Code, Diagnostic};
use crate::error::{Error, Result};
use std::path::Path;
use tera::Tera;

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

/// The default templates, embedded at compile time.
const TEMPLATES: &[(&str, &str)] = embedded![
    "base.html",
    "entry.html",
    "compare.html",
    "index.html",
    "list.html",
    "404.html",
    "a-z.html",
    "map.html",
    "matrix.html",
    "picker.html",
    "changes.html",
];

macro_rules! embedded_static {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../themes/default/static/", $name)) as &[u8])),*]
    };
}

/// The default static files, embedded at compile time.
const STATIC: &[(&str, &[u8])] = embedded_static!["style.css", "theme.js", "rolebook.js", "favicon.svg"];

/// The embedded default theme's files as paths inside a theme folder
/// (`templates/base.html`, `static/style.css`, …), for `init --theme`.
pub(crate) fn default_files() -> Vec<(String, &'static [u8])> {
    let templates = TEMPLATES.iter().map(|(n, t)| (format!("templates/{n}"), t.as_bytes()));
    templates.chain(STATIC.iter().map(|(n, b)| (format!("static/{n}"), *b))).collect()
}

/// Parsed templates and the static files to copy.
#[derive(Debug)]
pub struct Theme {
    /// Parsed templates.
    pub tera: Tera,
    /// Output path (under `assets/`) → bytes.
    pub statics: Vec<(String, Vec<u8>)>,
    /// Where the theme's templates live, for error messages.
    pub origin: String,
    /// `skipped-file` warnings for symlinks and special files in the theme.
    pub skipped: Vec<Diagnostic>,
}

/// Loads the theme named in site.toml from `root/themes/<name>`; files it
/// lacks come from the embedded default. An unknown non-default theme is an error.
pub fn load(root: &Path, name: &str) -> Result<Theme> {
    if !crate::config::is_theme_name(name) {
        return Err(Error::Theme(format!("theme `{name}` is not a folder name under themes/")));
    }
    let mut skipped = Vec::new();
    let relative = format!("themes/{name}");
    let found = real_folder(root, "themes", &mut skipped) && real_folder(root, &relative, &mut skipped);
    let dir = root.join(&relative);
    if name != "default" && !found {
        return Err(Error::Theme(format!("theme `{name}` not found at {}", dir.display())));
    }
    let mut templates: Vec<(String, String)> =
        TEMPLATES.iter().map(|(n, t)| ((*n).to_owned(), (*t).to_owned())).collect();
    let mut read = |part: &str| {
        let part = format!("{relative}/{part}");
        if found && real_folder(root, &part, &mut skipped) {
            read_folder(root, &part, &mut skipped)
        } else {
            Ok(Vec::new())
        }
    };
    let own_templates = read("templates")?;
    let own_statics = read("static")?;
    for (file, text) in own_templates {
        match templates.iter_mut().find(|(n, _)| *n == file) {
            Some(slot) => slot.1 = String::from_utf8_lossy(&text).into_owned(),
            None => templates.push((file, String::from_utf8_lossy(&text).into_owned())),
        }
    }
    let mut tera = Tera::new();
    tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(|e| Error::Theme(error_chain(&e)))?;
    let mut statics: Vec<(String, Vec<u8>)> = STATIC.iter().map(|(n, b)| (format!("assets/{n}"), b.to_vec())).collect();
    for (file, bytes) in own_statics {
        let path = format!("assets/{file}");
        match statics.iter_mut().find(|(n, _)| *n == path) {
            Some(slot) => slot.1 = bytes,
            None => statics.push((path, bytes)),
        }
    }
    statics.sort();
    minify_all(&mut statics);
    Ok(Theme { tera, statics, origin: format!("themes/{name}/templates"), skipped })
}

/// The default theme exactly as embedded in the binary, without reading
/// the disk (for fuzzing and tests of the render stage alone).
pub fn embedded() -> Result<Theme> {
    let mut tera = Tera::new();
    tera.add_raw_templates(TEMPLATES.iter().copied()).map_err(|e| Error::Theme(error_chain(&e)))?;
    let mut statics: Vec<(String, Vec<u8>)> = STATIC.iter().map(|(n, b)| (format!("assets/{n}"), b.to_vec())).collect();
    statics.sort();
    minify_all(&mut statics);
    Ok(Theme { tera, statics, origin: "themes/default/templates".to_owned(), skipped: Vec::new() })
}

/// The theme's CSS and JavaScript as published: see [`super::minify`].
fn minify_all(statics: &mut [(String, Vec<u8>)]) {
    for (path, bytes) in statics.iter_mut() {
        let smaller = if path.ends_with(".css") {
            super::minify::css(bytes)
        } else if path.ends_with(".js") {
            super::minify::js(bytes)
        } else {
            None
        };
        if let Some(smaller) = smaller {
            *bytes = smaller;
        }
    }
}

/// Whether `root/relative` is a folder that is not a symlink; a symlink
/// (or anything else) in its place is reported and treated as absent.
fn real_folder(root: &Path, relative: &str, skipped: &mut Vec<Diagnostic>) -> bool {
    match std::fs::symlink_metadata(root.join(relative)) {
        Ok(meta) if meta.is_dir() => true,
        Ok(meta) => {
            skipped.push(skip(relative, &meta.file_type()));
            false
        }
        Err(_) => false,
    }
}

/// The warning for a theme entry that is not read.
fn skip(relative: &str, kind: &std::fs::FileType) -> Diagnostic {
    let what = if kind.is_symlink() { "a symbolic link, which is never followed" } else { "not a regular file" };
    Diagnostic::new(Code::SkippedFile, relative, format!("skipped: it is {what}"))
}

/// Files under `root/relative` (recursively, sorted), as `/`-separated
/// paths inside it. Symlinks are never followed, special files never
/// opened: both are reported. Hidden files are skipped quietly.
fn read_folder(root: &Path, relative: &str, skipped: &mut Vec<Diagnostic>) -> Result<Vec<(String, Vec<u8>)>> {
    let dir = root.join(relative);
    let mut files = Vec::new();
    let walk = walkdir::WalkDir::new(&dir).sort_by_file_name().follow_links(false).follow_root_links(false);
    for item in walk {
        let item = item.map_err(|e| Error::io("read folder", &dir, e.into()))?;
        let inner = item.path().strip_prefix(&dir).unwrap_or(item.path());
        let name: Vec<String> = inner.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        let name = name.join("/");
        let kind = item.file_type();
        if kind.is_dir() || item.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if !kind.is_file() {
            skipped.push(skip(&format!("{relative}/{name}"), &kind));
            continue;
        }
        let bytes = std::fs::read(item.path()).map_err(|e| Error::io("read", item.path(), e))?;
        files.push((name, bytes));
    }
    Ok(files)
}

/// An error and its causes on one line.
pub fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
