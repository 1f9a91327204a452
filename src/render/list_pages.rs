//! The pages that list many entries: the index, the kind, tag and
//! comparison lists, A–Z, the map, the decision matrix, the compare picker,
//! and 404. Their data is built first and compared with the previous
//! build's, so an incremental rebuild renders only the list pages whose
//! data changed (a template is a pure function of its data and path).

use super::a_z::{self, AzPage};
use super::compare_data::{self, PickerPage};
use super::lists::{self, IndexPage, ListPage};
use super::matrix::{self, MatrixPage};
use super::site_map::{self, MapPage};
use super::views::Views;
use crate::resolve::EntryId;
use std::collections::HashMap;

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
    pages.push(("404.html".into(), ListData::NotFound));
    pages
}

/// The pages of `current` whose data differs from `previous` (or that are new).
pub fn changed<'a>(
    current: Vec<(String, ListData<'a>)>,
    previous: &[(String, ListData<'_>)],
) -> Vec<(String, ListData<'a>)> {
    let before: HashMap<&str, &ListData<'_>> = previous.iter().map(|(path, data)| (path.as_str(), data)).collect();
    current.into_iter().filter(|(path, data)| before.get(path.as_str()).is_none_or(|old| *old != data)).collect()
}
