//! What rendering produces and writing consumes: a leaf, so neither stage
//! imports the other.

/// A file of the rendered site, by its `/`-separated path inside the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative path, e.g. `compare/dpm-vs-dpo.html`.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}
