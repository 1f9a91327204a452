//! Which tool a source folder was written for, from its files: an
//! `.obsidian/` folder or `[[wikilinks]]` → Obsidian; `config.toml` with
//! `base_url` and `content/` → Zola; a Hugo config or `archetypes/` /
//! `layouts/` → Hugo; else plain Markdown.

use super::Format;
use std::path::Path;

/// Notes read at most when looking for wikilinks.
const SAMPLE: usize = 200;

/// The format of `source`, with the reason, for the report.
pub fn detect(source: &Path) -> (Format, String) {
    if source.join(".obsidian").is_dir() {
        return (Format::Obsidian, "found an .obsidian/ folder".into());
    }
    let content = source.join("content").is_dir();
    let config = std::fs::read_to_string(source.join("config.toml")).unwrap_or_default();
    if content && config.lines().any(|l| l.trim_start().starts_with("base_url")) {
        return (Format::Zola, "found config.toml with base_url and a content/ folder".into());
    }
    for name in ["hugo.toml", "hugo.yaml", "hugo.json", "config.toml", "config.yaml", "config.yml"] {
        let text = std::fs::read_to_string(source.join(name)).unwrap_or_default();
        if name.starts_with("hugo.") && source.join(name).is_file()
            || text.contains("baseURL")
            || text.contains("baseurl")
        {
            return (Format::Hugo, format!("found {name}"));
        }
    }
    if source.join("archetypes").is_dir() || source.join("layouts").is_dir() {
        return (Format::Hugo, "found archetypes/ or layouts/".into());
    }
    if has_wikilinks(source) {
        return (Format::Obsidian, "found [[wikilinks]] in the notes".into());
    }
    (Format::Markdown, "no site generator or vault found: plain Markdown".into())
}

fn has_wikilinks(source: &Path) -> bool {
    walkdir::WalkDir::new(source)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_str().is_some_and(|n| n.starts_with('.')))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x.eq_ignore_ascii_case("md")))
        .take(SAMPLE)
        .any(|e| std::fs::read_to_string(e.path()).is_ok_and(|t| t.contains("[[") && t.contains("]]")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap_or(dir.path())).unwrap_or_else(|e| panic!("{e}"));
            std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
        }
        dir
    }

    #[test]
    fn detects_each_format() {
        assert_eq!(detect(folder(&[(".obsidian/app.json", "{}")]).path()).0, Format::Obsidian);
        assert_eq!(detect(folder(&[("a.md", "see [[B]]")]).path()).0, Format::Obsidian);
        let zola = folder(&[("config.toml", "base_url = \"x\"\n"), ("content/a.md", "")]);
        assert_eq!(detect(zola.path()).0, Format::Zola);
        assert_eq!(detect(folder(&[("hugo.toml", "title = 'x'")]).path()).0, Format::Hugo);
        assert_eq!(detect(folder(&[("config.yaml", "baseURL: x")]).path()).0, Format::Hugo);
        assert_eq!(detect(folder(&[("a.md", "[x](b.md)")]).path()).0, Format::Markdown);
    }
}
