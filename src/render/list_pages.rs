//! The pages that list many entries: the index, the kind, tag and
//! comparison lists, A–Z, the map, the decision matrix, the compare picker,
//! and 404. Their data is built first and fingerprinted, so an incremental
//! rebuild renders only the list pages whose data changed since the last
//! (a template is a pure function of its data and path, and the data it
//! sees is what serializes).

use super::a_z::{self, AzPage};
use super::changes_page::{self, ChangesPage};
use super::compare_data::{self, PickerPage};
use super::lists::{self, IndexPage, ListPage};
use super::matrix::{self, MatrixPage};
use super::site_map::{self, MapPage};
use super::views::Views;
use crate::resolve::EntryId;
use foldhash::quality::{FixedState, FoldHasher};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::hash::{BuildHasher, Hasher};

/// The data of one list page.
#[derive(Debug, PartialEq)]
pub enum ListData<'a> {
    /// `index.html`.
    Index(IndexPage<'a>),
    /// A page of a kind, tag or comparison list, or the tag overview.
    List(ListPage<'a>),
    /// An A–Z page.
    Az(AzPage<'a>),
    /// `map.html`.
    Map(MapPage<'a>),
    /// `matrix.html`.
    Matrix(MatrixPage<'a>),
    /// `compare.html`, the picker.
    Picker(PickerPage<'a>),
    /// `changes.html`, when git has history.
    Changes(ChangesPage<'a>),
    /// `404.html`.
    NotFound,
}

/// Every list page: (output path, data).
pub fn all<'a>(views: &Views<'a>) -> Vec<(String, ListData<'a>)> {
    let sorted: Vec<EntryId> = lists::alphabetical(views);
    let sorted = sorted.as_slice();
    // Independent lists over every entry: build them side by side.
    let ((index, kinds), ((tags, az), (map, (matrix, picker)))) = rayon::join(
        || (lists::index(views, sorted), lists::kinds(views, sorted)),
        || {
            rayon::join(
                || (lists::tags(views, sorted), a_z::pages(views, sorted)),
                || {
                    rayon::join(
                        || site_map::page(views, sorted),
                        || (matrix::page(views, sorted), compare_data::page(views, sorted)),
                    )
                },
            )
        },
    );
    let mut pages = vec![("index.html".to_owned(), ListData::Index(index))];
    let mut paged = kinds;
    paged.extend(tags);
    paged.extend(lists::comparisons(views));
    pages.extend(paged.into_iter().map(|(path, data)| (path, ListData::List(data))));
    pages.extend(az.into_iter().map(|(path, data)| (path, ListData::Az(data))));
    pages.push(("map.html".into(), ListData::Map(map)));
    pages.push(("matrix.html".into(), ListData::Matrix(matrix)));
    pages.push(("compare.html".into(), ListData::Picker(picker)));
    if let Some(changes) = changes_page::page(views) {
        pages.push((changes_page::PATH.into(), ListData::Changes(changes)));
    }
    pages.push(("404.html".into(), ListData::NotFound));
    pages
}

/// Output path → fingerprint of a list page's data.
pub type Fingerprints = BTreeMap<String, u64>;

/// The fingerprint of every page of [`all`].
pub fn fingerprints(pages: &[(String, ListData<'_>)]) -> Fingerprints {
    pages.par_iter().map(|(path, data)| (path.clone(), fingerprint(data))).collect()
}

/// A hash of the data as the template receives it (serialized), with a
/// fixed seed: stable within a process, which is all `serve` needs.
pub fn fingerprint(data: &ListData<'_>) -> u64 {
    fn hash(value: &impl Serialize, tag: u8) -> u64 {
        let mut writer = HashWriter::default();
        writer.hasher.write_u8(tag);
        // Writing into a hasher cannot fail; a failing Serialize impl would
        // only make the page look changed, which is safe.
        let _ = serde_json::to_writer(&mut writer, value);
        writer.finish()
    }
    match data {
        ListData::Index(page) => hash(page, 0),
        ListData::List(page) => hash(page, 1),
        ListData::Az(page) => hash(page, 2),
        ListData::Map(page) => hash(page, 3),
        ListData::Matrix(page) => hash(page, 4),
        ListData::Picker(page) => hash(page, 5),
        ListData::NotFound => hash(&(), 6),
        ListData::Changes(page) => hash(page, 7),
    }
}

/// Feeds serialized bytes to a hasher in blocks: the serializer writes a
/// few bytes at a time, and hashing each piece alone cost more than the
/// serializing.
struct HashWriter {
    hasher: FoldHasher<'static>,
    block: Vec<u8>,
}

/// Bytes hashed at once.
const BLOCK: usize = 16 * 1024;

impl Default for HashWriter {
    fn default() -> Self {
        HashWriter { hasher: SEED.build_hasher(), block: Vec::with_capacity(BLOCK) }
    }
}

static SEED: FixedState = FixedState::with_seed(0x726f_6c65_626f_6f6b);

impl HashWriter {
    fn finish(mut self) -> u64 {
        self.hasher.write(&self.block);
        self.hasher.finish()
    }
}

impl std::io::Write for HashWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.block.extend_from_slice(bytes);
        if self.block.len() >= BLOCK {
            self.hasher.write(&self.block);
            self.block.clear();
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::lists::ListPage;

    #[test]
    fn fingerprints_differ_with_the_data_and_repeat_with_it() {
        let page = |title: &str| {
            ListData::List(ListPage {
                title: title.to_owned(),
                intro: String::new(),
                entries: Vec::new(),
                tags: Vec::new(),
                comparisons: Vec::new(),
                pager: None,
            })
        };
        assert_eq!(fingerprint(&page("Roles")), fingerprint(&page("Roles")));
        assert_ne!(fingerprint(&page("Roles")), fingerprint(&page("Concepts")));
        assert_ne!(fingerprint(&ListData::NotFound), fingerprint(&page("")));
    }
}
