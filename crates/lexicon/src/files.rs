//! Reading the user's lexicon folders (`--lexicon DIR`).

use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// The `*.tsv` files directly in `dir`, in name order.
pub(crate) fn tsv_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let read = std::fs::read_dir(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut files: Vec<PathBuf> = read
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    Ok(files)
}

/// The text of a lexicon file.
pub(crate) fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}
