//! "Did you mean …?": the closest candidate names by edit distance.

/// The candidate closest to `wanted` (case-insensitive), if it is close enough
/// to be a plausible typo: at most a third of the longer name's length.
pub fn closest<'c>(wanted: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let wanted = wanted.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let lower = candidate.to_lowercase();
        let limit = wanted.chars().count().max(lower.chars().count()) / 3 + 1;
        let Some(distance) = bounded_distance(&wanted, &lower, limit) else { continue };
        let better = match best {
            None => true,
            Some((d, c)) => distance < d || (distance == d && candidate < c),
        };
        if better {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// Levenshtein distance, or `None` once it exceeds `limit` (keeps long inputs cheap).
fn bounded_distance(a: &str, b: &str, limit: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit || a.len() > 256 || b.len() > 256 {
        return None;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        let mut row_min = current[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            current[j + 1] = (previous[j] + cost).min(previous[j + 1] + 1).min(current[j] + 1);
            row_min = row_min.min(current[j + 1]);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    Some(previous[b.len()]).filter(|&d| d <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_slug_for_a_typo() {
        let names = ["data-product-manager", "data-product-owner", "domain-owner"];
        assert_eq!(closest("data-product-manger", names), Some("data-product-manager"));
        assert_eq!(closest("DATA-PRODUCT-OWNR", names), Some("data-product-owner"));
    }

    #[test]
    fn suggests_nothing_for_unrelated_names() {
        assert_eq!(closest("kubernetes", ["data-product-owner"]), None);
    }
}
