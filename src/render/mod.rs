//! Stage 3, knowledge base + theme → in-memory output files; no disk writes.
//!
//! Pages: one per published entry (`<slug>.html`), one per comparison
//! (`compare/<slug>.html`), the index, paged lists per kind and per tag (and
//! of the comparisons when the index cannot show them all), the tag
//! overview, 404, and the theme's static files under `assets/`. Every link
//! is relative to the page, so the site works from any sub-path or file://.

pub mod compare_page;
pub mod entry_page;
pub mod lists;
pub mod markdown;
pub mod theme;
pub mod urls;
pub mod views;

pub use theme::Theme;

use crate::config::SiteConfig;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::load::Document;
use crate::resolve::KnowledgeBase;
use crate::write::OutputFile;
use rayon::prelude::*;
use serde::Serialize;
use views::Views;

/// Counts for the build summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderStats {
    /// Entry pages.
    pub entries: usize,
    /// Comparison pages.
    pub comparisons: usize,
    /// All HTML pages.
    pub pages: usize,
}

/// Renders every page. Template errors become diagnostics.
pub fn render(
    kb: &KnowledgeBase,
    documents: &[Document],
    config: &SiteConfig,
    theme: &Theme,
    diagnostics: &mut Diagnostics,
) -> (Vec<OutputFile>, RenderStats) {
    let views = Views { kb, config };
    // Site-wide data is the same on every page: convert it once (tera values
    // share their contents, so each page's copy is cheap).
    let shared = Shared { theme, views, site: tera::Value::from_serializable(&views.site()) };
    let page = |template: &str, path: String, meta: Meta<'_>, key: &str, data: &dyn ErasedPage| {
        render_page(&shared, template, path, meta, key, data)
    };
    let mut results: Vec<Result<OutputFile, Box<Diagnostic>>> = (0..kb.entries.len())
        .into_par_iter()
        .filter(|&id| kb.is_published(id))
        .map(|id| {
            let path = urls::entry(&kb.entries[id].slug);
            let data = entry_page::build(&views, documents, id, &urls::root_of(&path));
            let title = match data.abbr {
                Some(abbr) => format!("{} ({abbr})", data.title),
                None => data.title.to_owned(),
            };
            page("entry.html", path, Meta { title, description: data.summary }, "entry", &data)
        })
        .collect();
    let entries = results.len();
    let compared: Vec<Result<OutputFile, Box<Diagnostic>>> = kb
        .comparisons
        .par_iter()
        .filter(|c| kb.include_drafts || !c.draft)
        .map(|c| {
            let path = urls::comparison(&c.slug);
            let data = compare_page::build(&views, documents, c, &urls::root_of(&path));
            page("compare.html", path, Meta { title: c.title.clone(), description: &c.summary }, "compare", &data)
        })
        .collect();
    let comparisons = compared.len();
    results.extend(compared);
    let sorted = lists::alphabetical(&views);
    let home = Meta { title: config.title.clone(), description: &config.description };
    results.push(page("index.html", "index.html".into(), home, "index", &lists::index(&views, &sorted)));
    let mut list_pages = lists::kinds(&views, &sorted);
    list_pages.extend(lists::tags(&views, &sorted));
    list_pages.extend(lists::comparisons(&views));
    results.par_extend(list_pages.into_par_iter().map(|(path, data)| {
        let meta = Meta { title: data.title.clone(), description: &data.intro };
        page("list.html", path, meta, "list", &data)
    }));
    let missing = Meta { title: "Page not found".into(), description: &config.description };
    results.push(page("404.html", "404.html".into(), missing, "page", &()));
    let mut files = Vec::with_capacity(results.len() + theme.statics.len());
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(diagnostic) => diagnostics.push(*diagnostic),
        }
    }
    let pages = files.len();
    files.extend(theme.statics.iter().map(|(path, bytes)| OutputFile { path: path.clone(), bytes: bytes.clone() }));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    (files, RenderStats { entries, comparisons, pages })
}

/// Page data of any type, rendered through one function.
trait ErasedPage: Sync {
    fn insert(&self, context: &mut tera::Context, key: &str);
}

impl<T: Serialize + Sync> ErasedPage for T {
    fn insert(&self, context: &mut tera::Context, key: &str) {
        context.insert(key.to_owned(), self);
    }
}

/// Title and description of a page, for `<title>` and the meta tags.
#[derive(Serialize)]
struct Meta<'a> {
    title: String,
    description: &'a str,
}

#[derive(Serialize)]
struct PageMeta<'a> {
    path: &'a str,
    title: &'a str,
    description: &'a str,
}

/// What every page's rendering shares.
struct Shared<'a> {
    theme: &'a Theme,
    views: Views<'a>,
    site: tera::Value,
}

fn render_page(
    shared: &Shared<'_>,
    template: &str,
    path: String,
    meta: Meta<'_>,
    key: &str,
    data: &dyn ErasedPage,
) -> Result<OutputFile, Box<Diagnostic>> {
    let (theme, views) = (shared.theme, &shared.views);
    let root = if template == "404.html" { views.config.base_url.clone() } else { urls::root_of(&path) };
    let mut context = tera::Context::new();
    context.insert_value("site", shared.site.clone());
    context.insert("page_meta", &PageMeta { path: &path, title: &meta.title, description: meta.description });
    context.insert("root", &root);
    data.insert(&mut context, key);
    match theme.tera.render(template, &context) {
        Ok(html) => {
            // The rendered string grew by doubling; every page is held until
            // the write, so give the slack back (up to half of peak memory).
            let mut bytes = html.into_bytes();
            bytes.shrink_to_fit();
            Ok(OutputFile { path, bytes })
        }
        Err(error) => {
            let message = format!("rendering {path} with {template} failed: {}", theme::error_chain(&error));
            Err(Box::new(Diagnostic::new(Code::Template, format!("{}/{template}", theme.origin), message)))
        }
    }
}
