//! Stage 3, knowledge base + theme → in-memory output files; no disk writes.
//!
//! Pages: one per published entry (`<slug>.html`), one per comparison
//! (`compare/<slug>.html`), the index, paged lists per kind and per tag (and
//! of the comparisons when the index cannot show them all), the tag
//! overview, the A–Z index (`a-z.html`), the site map (`map.html`), the
//! decision matrix (`matrix.html`), the compare picker (`compare.html`), 404,
//! the theme's static files under `assets/`, the search index and picker data
//! as scripts under `assets/`, `sitemap.xml` when `base_url` is absolute,
//! and a redirect page at each old URL of a moved entry. Assets and
//! `static/` files are not rendered: [`site_files`] plans their copies,
//! which `write` makes. Every link is relative to the page, so the site
//! works from any sub-path or file://.

pub mod a_z;
pub mod changes_feed;
pub mod changes_page;
pub mod codeowners;

pub mod compare_data;
pub mod compare_page;
pub mod entry_page;
pub mod exports;
pub mod git_dates;
pub mod list_pages;
pub mod lists;
pub mod markdown;
pub mod matrix;
pub mod minify;
pub mod page_cap;

pub mod previews;
pub mod redirects;
pub mod role_graph;
pub mod sanitize;
pub mod search_index;
pub mod site_files;
pub mod site_map;
pub mod sitemap;
pub mod start_here;
pub mod table_box;
pub mod theme;
pub mod urls;
pub mod views;

pub use git_dates::GitDates;
pub use theme::Theme;

use crate::config::SiteConfig;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::history::Change;
use crate::output::OutputFile;
use crate::resolve::EntryId;
use crate::resolve::KnowledgeBase;
use list_pages::{Families, Family, Fingerprints, ListData, PageScope};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeSet;
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

/// Renders every page into memory. Template errors become diagnostics.
pub fn render(
    kb: &KnowledgeBase,
    config: &SiteConfig,
    theme: &Theme,
    diagnostics: &mut Diagnostics,
) -> (Vec<OutputFile>, RenderStats) {
    let dates = GitDates::new();
    let input = Input::of(kb, config, theme, &dates);
    let pages = render_pages(&input, &Selection::All, diagnostics);
    let paths: Vec<&str> = pages.files.iter().map(|f| f.path.as_str()).collect();
    let assets = render_assets(&input, &paths);
    let mut files = pages.files;
    files.extend(assets);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    drop_path_clashes(&mut files);
    let made: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
    site_files::collisions(&kb.files, &made, diagnostics);
    (files, pages.stats)
}

/// Renders every page for its diagnostics only, keeping no file: what
/// `check` and a build with errors need, at a batch's memory.
pub fn render_for_diagnostics(input: &Input<'_>, diagnostics: &mut Diagnostics) -> RenderStats {
    let discard = |_: Vec<OutputFile>| Ok::<(), std::convert::Infallible>(());
    let Ok(stats) = render_streamed(input, diagnostics, &discard);
    stats
}

/// Entry pages rendered per batch by [`render_streamed`]: 500 holds a few
/// MB of HTML at once (2 000 added 20 MiB to a 10k build's peak) for the
/// same CPU time.
pub const BATCH: usize = 500;

/// Renders what [`render`] renders (with `input`'s git dates), handing the files to `sink`
/// batch by batch (entry pages [`BATCH`] at a time, then the other pages,
/// then the other files) so a large site is never held in memory whole.
/// Stops at the first error `sink` returns.
pub fn render_streamed<E: Send>(
    input: &Input<'_>,
    diagnostics: &mut Diagnostics,
    sink: &(dyn Fn(Vec<OutputFile>) -> Result<(), E> + Sync),
) -> Result<RenderStats, E> {
    // Every path handed over, for the copied files to be checked against.
    let made = std::sync::Mutex::new(Vec::new());
    let recording = |files: Vec<OutputFile>| {
        made.lock().unwrap_or_else(std::sync::PoisonError::into_inner).extend(files.iter().map(|f| f.path.clone()));
        sink(files)
    };
    // The search index and exports need no page: build and hand them over
    // while the pages render. No page path can clash with theirs (pages end
    // in .html, none lies under assets/; an old slug is no entry's slug).
    let data = || recording(data_files(input));
    let (data, pages) = rayon::join(data, || stream_pages(input, diagnostics, &recording));
    data?;
    let (stats, mut paths) = pages?;
    paths.sort();
    paths.dedup();
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    recording(sitemap::file(&input.config.base_url, &paths).into_iter().collect())?;
    let mut made = made.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    made.sort();
    site_files::collisions(&input.kb.files, &made, diagnostics);
    Ok(stats)
}

/// Every HTML page, entry pages [`BATCH`] at a time; returns the counts and
/// the page paths.
fn stream_pages<E>(
    input: &Input<'_>,
    diagnostics: &mut Diagnostics,
    sink: &(dyn Fn(Vec<OutputFile>) -> Result<(), E> + Sync),
) -> Result<(RenderStats, Vec<String>), E> {
    let kb = input.kb;
    let published: Vec<EntryId> = (0..kb.entries.len()).filter(|&id| kb.is_published(id)).collect();
    let mut stats = RenderStats::default();
    let mut paths: Vec<String> = Vec::new();
    let mut take = |pages: Pages| {
        stats.entries += pages.stats.entries;
        stats.comparisons += pages.stats.comparisons;
        stats.pages += pages.stats.pages;
        paths.extend(pages.files.iter().map(|f| f.path.clone()));
        pages.files
    };
    for batch in published.chunks(BATCH) {
        let selection = Selection::Only {
            entries: batch.iter().copied().collect(),
            comparisons: BTreeSet::new(),
            lists: Lists::None,
        };
        sink(take(render_pages(input, &selection, diagnostics)))?;
    }
    let rest = Selection::Only {
        entries: BTreeSet::new(),
        comparisons: (0..kb.comparisons.len()).collect(),
        lists: Lists::All,
    };
    sink(take(render_pages(input, &rest, diagnostics)))?;
    Ok((stats, paths))
}

/// Everything rendering reads.
#[derive(Clone, Copy)]
pub struct Input<'a> {
    /// The resolved site.
    pub kb: &'a KnowledgeBase,
    /// The settings.
    pub config: &'a SiteConfig,
    /// Templates and static files.
    pub theme: &'a Theme,
    /// "Last updated" dates from git history.
    pub git_dates: &'a GitDates,
    /// Recent changes from git history, newest first.
    pub changes: &'a [Change],
    /// Map layouts remembered across renderings (see [`role_graph::Layouts`]).
    pub layouts: Option<&'a role_graph::Layouts>,
}

impl<'a> Input<'a> {
    /// What rendering reads: a resolved site (whose entries carry their
    /// parsed bodies), its settings, its theme and its git dates; no
    /// changes page (see [`Input::with_changes`]).
    pub fn of(kb: &'a KnowledgeBase, config: &'a SiteConfig, theme: &'a Theme, git_dates: &'a GitDates) -> Self {
        Input { kb, config, theme, git_dates, changes: &[], layouts: None }
    }

    /// The same input with recent changes, for `changes.html` and `changes.xml`.
    pub fn with_changes(self, changes: &'a [Change]) -> Self {
        Input { changes, ..self }
    }

    /// The same input, drawing the map with layouts remembered in `layouts`.
    pub fn with_layouts(self, layouts: &'a role_graph::Layouts) -> Self {
        Input { layouts: Some(layouts), ..self }
    }

    /// Views over this input.
    fn views(&self) -> Views<'a> {
        Views {
            kb: self.kb,
            config: self.config,
            git_dates: self.git_dates,
            changes: self.changes,
            layouts: self.layouts,
        }
    }
}

/// Which HTML pages to render.
#[derive(Debug, Clone)]
pub enum Selection<'k> {
    /// Every page.
    All,
    /// Some pages: what an edit affects (`serve` works it out after an edit).
    Only {
        /// Entry pages.
        entries: BTreeSet<EntryId>,
        /// Comparison pages, by index into `kb.comparisons`.
        comparisons: BTreeSet<usize>,
        /// The index, the kind, tag and comparison lists, A–Z, the map, the
        /// matrix, the compare picker and 404.
        lists: Lists<'k>,
    },
}

/// Which list pages a [`Selection::Only`] renders.
#[derive(Debug, Clone, Copy)]
pub enum Lists<'k> {
    /// None.
    None,
    /// All.
    All,
    /// All, with the fingerprints of their data (for `serve`'s first build,
    /// which a later [`Lists::Changed`] compares with).
    AllFingerprinted,
    /// Those of the families whose data's fingerprint differs from these
    /// (the served list pages'), or that are new. The other families' pages
    /// are kept as they are: the caller knows their data did not change;
    /// so are the pages of the kinds and tags out of the scope.
    Changed(&'k Fingerprints, Families, PageScope),
}

impl<'k> Selection<'k> {
    /// The selected entry ids below `count`, in order. Iterating these,
    /// rather than filtering every id, spreads a batch's pages over the
    /// whole parallel range: filtering put a batch of 2 000 entries of
    /// 50 000 in one or two of rayon's splits, and half the cores idled.
    fn entries(&self, count: usize) -> Vec<EntryId> {
        match self {
            Selection::All => (0..count).collect(),
            Selection::Only { entries, .. } => entries.range(..count).copied().collect(),
        }
    }

    fn comparison(&self, index: usize) -> bool {
        match self {
            Selection::All => true,
            Selection::Only { comparisons, .. } => comparisons.contains(&index),
        }
    }

    /// Which list pages to render.
    pub fn lists(&self) -> Lists<'k> {
        match self {
            Selection::All => Lists::All,
            Selection::Only { lists, .. } => *lists,
        }
    }
}

/// Rendered HTML pages.
#[derive(Debug, Default)]
pub struct Pages {
    /// The pages, sorted by path.
    pub files: Vec<OutputFile>,
    /// Paths of the list pages among them (their number varies with the
    /// content, so a partial update must know which ones went away).
    pub list_paths: BTreeSet<String>,
    /// With [`Lists::Changed`] and [`Lists::AllFingerprinted`]: the
    /// fingerprint of every list page now.
    pub list_fingerprints: Option<Fingerprints>,
    /// Counts.
    pub stats: RenderStats,
}

/// Renders the selected HTML pages.
pub fn render_pages(input: &Input<'_>, selection: &Selection<'_>, diagnostics: &mut Diagnostics) -> Pages {
    let kb = input.kb;
    let views = input.views();
    // Site-wide data is the same on every page: convert it once (tera values
    // share their contents, so each page's copy is cheap).
    let shared = Shared { theme: input.theme, views, site: tera::Value::from_serializable(&views.site()) };
    let page = |template: &str, path: String, meta: Meta<'_>, key: &str, data: &dyn ErasedPage| {
        render_page(&shared, template, path, meta, key, data)
    };
    let mut results: Vec<Result<OutputFile, Box<Diagnostic>>> = selection
        .entries(kb.entries.len())
        .into_par_iter()
        .filter(|&id| kb.is_published(id))
        .map(|id| {
            let path = urls::entry(&kb.entries[id].slug);
            let data = entry_page::build(&views, id, &urls::root_of(&path));
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
        .enumerate()
        .filter(|(index, c)| (kb.include_drafts || !c.draft) && selection.comparison(*index))
        .map(|(_, c)| {
            let path = urls::comparison(&c.slug);
            let data = compare_page::build(&views, c, &urls::root_of(&path));
            page("compare.html", path, Meta { title: c.title.clone(), description: &data.summary }, "compare", &data)
        })
        .collect();
    let comparisons = compared.len();
    results.extend(compared);
    let (lists, list_paths, list_fingerprints) = match selection.lists() {
        Lists::None => (Vec::new(), BTreeSet::new(), None),
        Lists::All => list_pages(&shared, None, false, &page),
        Lists::AllFingerprinted => list_pages(&shared, None, true, &page),
        Lists::Changed(previous, families, tags) => list_pages(&shared, Some((previous, families, tags)), false, &page),
    };
    results.extend(lists);
    let mut files = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(diagnostic) => diagnostics.push(*diagnostic),
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    drop_path_clashes(&mut files);
    let pages = files.len();
    Pages { files, list_paths, list_fingerprints, stats: RenderStats { entries, comparisons, pages } }
}

type PageFn<'p> =
    dyn Fn(&str, String, Meta<'_>, &str, &dyn ErasedPage) -> Result<OutputFile, Box<Diagnostic>> + Sync + 'p;

/// Rendered list pages, the paths of all of them and (with `previous`)
/// their fingerprints.
type ListPages = (Vec<Result<OutputFile, Box<Diagnostic>>>, BTreeSet<String>, Option<Fingerprints>);

/// Renders list pages: all of them, or with `previous` only those of the
/// given families whose data's fingerprint differs from `previous` (the
/// pages of other families keep their paths and fingerprints).
fn list_pages(
    shared: &Shared<'_>,
    previous: Option<(&Fingerprints, Families, PageScope)>,
    print_all: bool,
    page: &PageFn<'_>,
) -> ListPages {
    let views = shared.views;
    let (families, scope) = previous.map_or((Families::ALL, PageScope::ALL), |(_, families, scope)| (families, scope));
    let mut data = list_pages::some_within(&views, families, scope);
    let mut paths: BTreeSet<String> = data.iter().map(|(path, _, _)| path.clone()).collect();
    let mut now = print_all.then(|| list_pages::fingerprints(&data));
    if let Some((previous, _, _)) = previous {
        let mut prints = list_pages::fingerprints(&data);
        data.retain(|(path, _, _)| previous.get(path) != prints.get(path));
        let out_of_scope = |path: &str, family: Family| !scope.holds(family, path);
        let kept = previous
            .iter()
            .filter(|(path, print)| !families.contains(print.family) || out_of_scope(path, print.family));
        prints.extend(kept.map(|(path, print)| (path.clone(), *print)));
        paths.extend(prints.keys().cloned());
        now = Some(prints);
    }
    let description = views.config.description.as_str();
    let meta = |title: String| Meta { title, description };
    let rendered = data
        .into_par_iter()
        .map(|(path, _, data)| match &data {
            ListData::Index(index) => page("index.html", path, meta(views.config.title.clone()), "index", index),
            ListData::List(list) => {
                let meta = Meta { title: list.title.clone(), description: &list.intro };
                page("list.html", path, meta, "list", list)
            }
            ListData::Az(az) => {
                let title = if az.letter_page { format!("A–Z: {}", az.title) } else { "A–Z".to_owned() };
                page("a-z.html", path, meta(title), "az", az)
            }
            ListData::Map(map) => page("map.html", path, meta("Map".into()), "map", map),
            ListData::Matrix(matrix) => page("matrix.html", path, meta("Decision matrix".into()), "matrix", matrix),
            ListData::Picker(picker) => page("picker.html", path, meta("Compare roles".into()), "picker", picker),
            ListData::Changes(changes) => page("changes.html", path, meta("Recent changes".into()), "changes", changes),
            ListData::NotFound => page("404.html", path, meta("Page not found".into()), "page", &()),
        })
        .collect();
    (rendered, paths, now)
}

/// Everything that is not an HTML page: the sitemap (of `page_paths`), the
/// search index, the link previews, the compare picker's data, the theme's static files and
/// the exports. Sorted by path.
pub fn render_assets(input: &Input<'_>, page_paths: &[&str]) -> Vec<OutputFile> {
    let mut files = data_files(input);
    // Only with an absolute base_url: a sitemap of relative URLs is invalid.
    files.extend(sitemap::file(&input.config.base_url, page_paths));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    drop_path_clashes(&mut files);
    files
}

/// [`render_assets`] but the sitemap: the search index, the picker data,
/// the theme's static files, the exports and the redirect pages of moved
/// entries, built side by side.
fn data_files(input: &Input<'_>) -> Vec<OutputFile> {
    let (kb, config) = (input.kb, input.config);
    let views = input.views();
    let sorted = lists::alphabetical(&views);
    let (mut files, exports) = rayon::join(
        || {
            let mut files = search_index::files(&views, &sorted);
            files.extend(previews::files(&views, &sorted));
            files.extend(compare_data::files(&views, &sorted));
            files
        },
        || exports::render(kb, config),
    );
    files.extend(exports);
    files.extend(redirects::files(kb, config));
    files.extend(changes_feed::file(&views));
    files.extend(
        input.theme.statics.iter().map(|(path, bytes)| OutputFile { path: path.clone(), bytes: bytes.clone() }),
    );
    files
}

/// Keeps the first of several files with one output path (the sort is
/// stable, so the choice is deterministic): two writers of one path would
/// otherwise race in the parallel write. `resolve` has already reported the
/// colliding slugs, so this only guards the output.
fn drop_path_clashes(files: &mut Vec<OutputFile>) {
    files.dedup_by(|later, first| later.path == first.path);
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
    let mut out = page_cap::Capped::new(page_cap::MAX_PAGE_BYTES);
    let rendered = theme.tera.render_to(template, &context, &mut out);
    let failure = match (rendered, String::from_utf8(out.bytes)) {
        // No shrink_to_fit: pages are written a batch at a time (and
        // `serve` copies them into exact-size buffers), so the slack is
        // short-lived, and copying every page to trim it is not.
        (Ok(()), Ok(html)) => return Ok(OutputFile { path, bytes: html.into_bytes() }),
        _ if out.overflowed => format!(
            "rendering {path} with {template} wrote more than {} MB; does a loop in the theme run away?",
            page_cap::MAX_PAGE_BYTES >> 20
        ),
        (Err(error), _) => format!("rendering {path} with {template} failed: {}", theme::error_chain(&error)),
        (Ok(()), Err(_)) => format!("rendering {path} with {template} wrote text that is not UTF-8"),
    };
    Err(Box::new(Diagnostic::new(Code::Template, format!("{}/{template}", theme.origin), failure)))
}
