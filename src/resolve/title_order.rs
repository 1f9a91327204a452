//! The order every list of entries is shown in (relation groups,
//! "Mentioned in"): by title, ignoring case, then by id so equal titles
//! still sort the same way every build.

use super::model::{Entry, EntryId};
use rayon::prelude::*;

/// Every entry's lower-cased title, to sort ids by.
pub(crate) struct TitleOrder(Vec<String>);

impl TitleOrder {
    /// The order of `entries` as they are now.
    pub(crate) fn of(entries: &[Entry]) -> Self {
        TitleOrder(entries.par_iter().map(|e| e.title.to_lowercase()).collect())
    }

    /// Sorts `ids` by title, then id.
    pub(crate) fn sort(&self, ids: &mut [EntryId]) {
        ids.sort_by(|a, b| self.0[*a].cmp(&self.0[*b]).then(a.cmp(b)));
    }
}
