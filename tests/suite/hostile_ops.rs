//! Issue 15, the operational holes: files outside the site that must never
//! be read or published (`theme`, `import`), builds that run at once or die
//! halfway (`build`), and clients that try to starve or trick `serve`
//! (`serve`). Every wait is bounded by a generous deadline; nothing asserts
//! on timing.

mod build;
mod import;
mod serve;
mod theme;
