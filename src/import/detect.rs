//! Which tool a source folder was written for, from its files: an
//! `.obsidian/` folder → Obsidian; `config.toml` with `base_url` and
//! `content/` → Zola; a Hugo config or `archetypes/` / `layouts/` → Hugo;
//! Hugo shortcodes in the notes → Hugo (a glossary folder copied out of a
//! Hugo site); `page-type:` fields or `{{Macro(…)}}` calls → MDN-style docs;
//! `[[wikilinks]]` → Obsidian; else plain Markdown.

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
    let sample = sample(source);
    if sample.iter().any(|t| t.contains("{{<") || t.contains("{{%")) {
        return (Format::Hugo, "found Hugo shortcodes ({{< … >}}) in the notes".into());
    }
    if sample.iter().any(|t| has_macros(t)) {
        return (Format::Mdn, "found KumaScript-style {{Macro(…)}} calls or `page-type:` fields".into());
    }
    if sample.iter().any(|t| t.contains("[[") && t.contains("]]")) {
        return (Format::Obsidian, "found [[wikilinks]] in the notes".into());
    }
    (Format::Markdown, "no site generator or vault found: plain Markdown".into())
}

/// The text of the first notes, in a stable order.
fn sample(source: &Path) -> Vec<String> {
    walkdir::WalkDir::new(source)
        .sort_by_file_name()
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_str().is_some_and(|n| n.starts_with('.')))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x.eq_ignore_ascii_case("md")))
        .take(SAMPLE)
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect()
}

/// A `page-type:` front-matter line, or a `{{Name(` / `{{NameSidebar}}`
/// macro (Obsidian templates' `{{title}}` is neither).
fn has_macros(text: &str) -> bool {
    let front = text.strip_prefix("---").and_then(|t| t.split("\n---").next()).unwrap_or("");
    if front.lines().any(|l| l.starts_with("page-type:")) {
        return true;
    }
    text.match_indices("{{").any(|(at, _)| {
        let rest = text[at + 2..].trim_start();
        let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        let after = rest[name.len()..].trim_start();
        name.starts_with(|c: char| c.is_ascii_alphabetic())
            && (after.starts_with('(') || after.starts_with("}}") && name.chars().any(|c| c.is_ascii_uppercase()))
    })
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
        let mdn = folder(&[("cors/index.md", "---\ntitle: CORS\npage-type: glossary-definition\n---\nx")]);
        assert_eq!(detect(mdn.path()).0, Format::Mdn);
        assert_eq!(detect(folder(&[("a.md", "{{GlossarySidebar}}\n")]).path()).0, Format::Mdn);
        assert_eq!(detect(folder(&[("t.md", "# {{title}}\n[[x]]")]).path()).0, Format::Obsidian);
        let glossary = folder(&[("pod.md", "A {{< glossary_tooltip text=\"container\" term_id=\"container\" >}}.")]);
        assert_eq!(detect(glossary.path()).0, Format::Hugo);
    }
}
