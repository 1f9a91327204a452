//! Bounds on what site.toml declares. Every page's navigation lists the
//! kinds, and every kind gets a page, so 2,000 kinds once made a 229 MB site
//! and 15,000 (in a 1 MB site.toml) one of about 12 GB; the site title and
//! labels are repeated on every page too. So counts and lengths are capped,
//! like front matter's (`field-too-long`), with an `invalid-config` error.

use super::SiteConfig;

/// Most kinds, relations and facets a site declares (each).
const MAX_DECLARED: usize = 64;
/// Most `[[start_here]]` items.
const MAX_START_HERE: usize = 24;
/// The longest title, label or URL template, in characters.
const NAME: usize = 200;
/// The longest description, in characters.
const PROSE: usize = 2_000;

/// Reports every count or length past its bound, as `(message, needle)`
/// for the caller's positioned `invalid-config` report.
pub(super) fn check(config: &SiteConfig, report: &mut impl FnMut(String, &str)) {
    let counts = [
        ("kinds", config.kinds.len(), MAX_DECLARED),
        ("relations", config.relations.len(), MAX_DECLARED),
        ("facets", config.facets.len(), MAX_DECLARED),
        ("start_here", config.start_here.len(), MAX_START_HERE),
    ];
    for (table, count, max) in counts {
        if count > max {
            report(format!("site.toml declares {count} {table}; at most {max} fit"), table);
        }
    }
    let mut texts: Vec<(&str, &str, usize)> = vec![
        ("title", &config.title, NAME),
        ("description", &config.description, PROSE),
        ("language", &config.language, NAME),
        ("base_url", &config.base_url, NAME),
        ("repo_edit_url", config.repo_edit_url.as_deref().unwrap_or(""), PROSE),
    ];
    texts.extend(config.kinds.iter().flat_map(|k| [("label", k.label.as_str(), NAME), ("plural", &k.plural, NAME)]));
    texts.extend(config.kinds.iter().map(|k| ("kinds", k.key.as_str(), NAME)));
    texts.extend(config.relations.iter().map(|r| ("label", r.label.as_str(), NAME)));
    texts
        .extend(config.relations.iter().filter(|r| !is_derived(r)).map(|r| ("inverse_label", &*r.inverse_label, NAME)));
    for relation in config.relations.iter().filter(|r| is_derived(r)) {
        let chars = relation.inverse_label.chars().count();
        if chars > NAME && relation.label.chars().count() <= NAME {
            let message = format!(
                "relation `{}`: its way back, \"{} (from)\", has {chars} characters; at most {NAME} fit: shorten `label` or set `inverse_label`",
                relation.key,
                ellipsis(&relation.label)
            );
            report(message, &relation.key);
        }
    }
    texts.extend(config.relations.iter().map(|r| ("relations", r.key.as_str(), NAME)));
    texts.extend(config.facets.iter().flat_map(|f| [("facets", f.key.as_str(), NAME), ("labels", &f.label, NAME)]));
    texts.extend(config.start_here.iter().map(|f| ("reason", f.reason.as_str(), PROSE)));
    for (key, text, max) in texts {
        let chars = text.chars().count();
        if chars > max {
            report(format!("`{key}` in site.toml has {chars} characters; at most {max} fit"), key);
        }
    }
}

/// Whether a relation's way back is the default one made from its label,
/// which the author never wrote: a report must name `label`, not a field
/// absent from site.toml.
fn is_derived(relation: &super::RelationDef) -> bool {
    relation.inverse_label.strip_suffix(" (from)") == Some(relation.label.as_str())
}

/// The first words of a long label, enough to recognise it.
fn ellipsis(label: &str) -> String {
    let mut short: String = label.chars().take(40).collect();
    if short.len() < label.len() {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
    use crate::config::parse;
    use crate::diag::Diagnostics;

    #[test]
    fn too_many_kinds_and_too_long_titles_are_config_errors() {
        let mut text = format!("title = \"{}\"\n", "t".repeat(201));
        for i in 0..65 {
            text.push_str(&format!("[kinds.k{i}]\nlabel = \"K{i}\"\n"));
        }
        let mut diagnostics = Diagnostics::new();
        parse(&text, &mut diagnostics);
        let list = diagnostics.finish(&Default::default());
        let messages: Vec<&str> = list.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            ["`title` in site.toml has 201 characters; at most 200 fit", "site.toml declares 65 kinds; at most 64 fit"]
        );
        assert!(list.iter().all(|d| d.code.as_str() == "invalid-config"));
    }

    #[test]
    fn a_label_whose_default_way_back_is_too_long_names_label_not_inverse_label() {
        let label = "l".repeat(195);
        let text = format!("title = \"T\"\n[relations.owns]\nlabel = \"{label}\"\n");
        let mut diagnostics = Diagnostics::new();
        parse(&text, &mut diagnostics);
        let list = diagnostics.finish(&Default::default());
        assert_eq!(list.len(), 1, "{list:?}");
        let message = &list[0].message;
        assert!(message.starts_with("relation `owns`: its way back, \"lllll"), "{message}");
        assert!(message.contains("… (from)\", has 202 characters; at most 200 fit"), "{message}");
        assert!(message.ends_with("shorten `label` or set `inverse_label`"), "{message}");
        assert_eq!(list[0].location.map(|l| l.line), Some(2), "points at the relation's table");
    }
}
