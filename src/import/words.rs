//! Singular and plural of the labels kinds get from folder names and
//! category values. A word no rule covers is kept as written: a plural
//! label is better than a made-up word ("Asynchronous" never loses its s).

/// Words whose singular and plural are one (or that only look plural).
const INVARIANT: &[&str] = &[
    "news",
    "series",
    "species",
    "data",
    "ops",
    "devops",
    "mlops",
    "dataops",
    "kubernetes",
    "chaos",
    "atlas",
    "canvas",
    "alias",
    "bias",
    "gas",
    "lens",
    "corpus",
    "campus",
    "status",
    "focus",
    "census",
    "virus",
    "bus",
    "plus",
    "basis",
];

/// The singular of a label's last word, by rule; unknown shapes unchanged.
pub fn singular(label: &str) -> String {
    let cut = label.rfind([' ', '-', '_']).map_or(0, |at| at + 1);
    let (head, word) = label.split_at(cut);
    format!("{head}{}", singular_word(word))
}

fn singular_word(word: &str) -> String {
    let lower = word.to_lowercase();
    let keep = lower.chars().count() <= 3
        || !lower.is_ascii()
        || INVARIANT.contains(&lower.as_str())
        || ["ss", "us", "is", "ics", "ous", "ys"].iter().any(|end| lower.ends_with(end));
    if keep || !lower.ends_with('s') {
        return word.to_owned();
    }
    if lower.ends_with("ies") && !lower.ends_with("eies") {
        return format!("{}y", &word[..word.len() - 3]);
    }
    if ["sses", "shes", "ches", "xes", "zzes"].iter().any(|end| lower.ends_with(end)) {
        return word[..word.len() - 2].to_owned();
    }
    word[..word.len() - 1].to_owned()
}

/// The plural of a label's last word (`Category` → `Categories`).
pub fn plural(label: &str) -> String {
    let lower = label.to_lowercase();
    let vowel_before_y = |stem: &str| stem.ends_with(['a', 'e', 'i', 'o', 'u']);
    match label.strip_suffix('y') {
        Some(stem) if !vowel_before_y(stem) && !stem.is_empty() => format!("{stem}ies"),
        _ if ["s", "x", "z", "ch", "sh"].iter().any(|end| lower.ends_with(end)) => {
            if singular(label) == label && lower.ends_with('s') && !lower.ends_with("ss") {
                label.to_owned()
            } else {
                format!("{label}es")
            }
        }
        _ => format!("{label}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singularizes_only_by_rule() {
        for (plural, one) in [
            ("Concepts", "Concept"),
            ("Categories", "Category"),
            ("Tools", "Tool"),
            ("Guides", "Guide"),
            ("Databases", "Database"),
            ("Processes", "Process"),
            ("Approaches", "Approach"),
            ("FAQs", "FAQ"),
            ("Data Stores", "Data Store"),
            ("workflow-orchestrators", "workflow-orchestrator"),
        ] {
            assert_eq!(singular(plural), one);
        }
        for same in
            ["Asynchronous", "Core", "FAQ", "Glass", "Analytics", "Status", "Basis", "DevOps", "Data", "News", "Days"]
        {
            assert_eq!(singular(same), same);
        }
    }

    #[test]
    fn pluralizes_labels() {
        assert_eq!(plural("Category"), "Categories");
        assert_eq!(plural("Day"), "Days");
        assert_eq!(plural("Entry"), "Entries");
        assert_eq!(plural("Process"), "Processes");
        assert_eq!(plural("Approach"), "Approaches");
        assert_eq!(plural("Tool"), "Tools");
        assert_eq!(plural("Analytics"), "Analytics");
    }
}
