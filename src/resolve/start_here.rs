//! The home page's "Start here" items (site.toml `[[start_here]]`) resolved
//! to what they point to; a name that finds nothing is a `broken-link` in
//! site.toml, with the nearest name as a suggestion.

use super::model::{FeaturedRef, KnowledgeBase, StartHere};
use super::relations::closest_entry;
use crate::config::{Featured, FeaturedTarget, SiteConfig, CONFIG_FILE};
use crate::diag::{suggest, Code, Diagnostic, Diagnostics};

/// Every item whose target exists and is published, in site.toml order;
/// the others are reported.
pub(crate) fn resolve(kb: &KnowledgeBase, config: &SiteConfig, diagnostics: &mut Diagnostics) -> Vec<StartHere> {
    let mut found = Vec::new();
    for (index, item) in config.start_here.iter().enumerate() {
        let target = match &item.target {
            FeaturedTarget::Entry(name) => match kb.lookup(name) {
                Some(id) if kb.is_published(id) => Some(FeaturedRef::Entry(id)),
                Some(id) => {
                    // As for a typed link to a draft: a warning, and left out until published.
                    let message = format!("[[start_here]] names `{}`, a draft: it is left out", kb.entries[id].slug);
                    let d = at(item, Code::LinkToDraft, message);
                    diagnostics.push(d.suggest("publish it, or feature another entry"));
                    None
                }
                None => {
                    let d = at(item, Code::BrokenLink, format!("[[start_here]]: no entry named `{name}`"));
                    diagnostics.push(d.maybe_suggest(closest_entry(name, kb)));
                    None
                }
            },
            FeaturedTarget::Comparison(name) => comparison(kb, name, item, diagnostics),
            FeaturedTarget::Page(key) => Some(FeaturedRef::Page(key.clone())),
        };
        found.extend(target.map(|target| StartHere { target, item: index }));
    }
    found
}

fn comparison(kb: &KnowledgeBase, name: &str, item: &Featured, diagnostics: &mut Diagnostics) -> Option<FeaturedRef> {
    let wanted = name.trim().trim_start_matches("compare/").trim_end_matches(".html");
    let published = || kb.comparisons.iter().enumerate().filter(|(_, c)| kb.include_drafts || !c.draft);
    let hit = published().find(|(_, c)| c.slug == wanted || c.title.eq_ignore_ascii_case(wanted));
    if let Some((index, _)) = hit {
        return Some(FeaturedRef::Comparison(index));
    }
    let names = published().flat_map(|(_, c)| [c.slug.as_str(), c.title.as_str()]);
    let hint = suggest::closest(wanted, names).map(|n| format!("did you mean `{n}`?"));
    diagnostics
        .push(at(item, Code::BrokenLink, format!("[[start_here]]: no comparison named `{name}`")).maybe_suggest(hint));
    None
}

fn at(item: &Featured, code: Code, message: String) -> Diagnostic {
    Diagnostic::new(code, CONFIG_FILE, message).at(item.location, Some(item.line.clone()), item.width)
}
