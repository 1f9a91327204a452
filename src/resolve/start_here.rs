//! The home page's "Start here" items (site.toml `[[start_here]]`) resolved
//! to what they point to; a name that finds nothing is a `broken-link` in
//! site.toml, with the nearest name as a suggestion.

use super::model::{FeaturedRef, KnowledgeBase, StartHere};
use super::relations::closest_entry;
use crate::config::{Featured, FeaturedTarget, SiteConfig, CONFIG_FILE};
use crate::diag::{suggest, Code, Diagnostic, Diagnostics};

/// Every item whose target exists and is published, in site.toml order.
pub(crate) fn resolve(kb: &KnowledgeBase, config: &SiteConfig, diagnostics: &mut Diagnostics) -> Vec<StartHere> {
    let mut found = Vec::new();
    for item in &config.start_here {
        let target = match &item.target {
            FeaturedTarget::Entry(name) => match kb.lookup(name) {
                Some(id) if kb.is_published(id) => Some(FeaturedRef::Entry(id)),
                Some(id) => {
                    let message = format!("[[start_here]] names `{}`, a draft", kb.entries[id].slug);
                    diagnostics.push(at(item, message).suggest("publish it, or feature another entry"));
                    None
                }
                None => {
                    let d = at(item, format!("[[start_here]]: no entry named `{name}`"));
                    diagnostics.push(d.maybe_suggest(closest_entry(name, kb)));
                    None
                }
            },
            FeaturedTarget::Comparison(name) => comparison(kb, name, item, diagnostics),
            FeaturedTarget::Page(key) => Some(FeaturedRef::Page(key.clone())),
        };
        found.extend(target.map(|target| StartHere { target, reason: item.reason.clone() }));
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
    diagnostics.push(at(item, format!("[[start_here]]: no comparison named `{name}`")).maybe_suggest(hint));
    None
}

fn at(item: &Featured, message: String) -> Diagnostic {
    Diagnostic::new(Code::BrokenLink, CONFIG_FILE, message).at(item.location, Some(item.line.clone()), item.width)
}
