//! Writing an edition to disk without touching what did not change, so a
//! watcher (Trunk in the dev loop) only rebuilds for real edits.

use std::{
    collections::BTreeSet,
    fs, io,
    path::{Path, PathBuf},
};

use crate::Edition;

pub struct Written {
    pub files: usize,
    pub bytes: u64,
    pub changed: usize,
    pub removed: usize,
}

/// Writes every file of `edition` under `out`, and removes files under
/// `out/content/` that the edition no longer has (a deleted article).
pub fn write(edition: &Edition, out: &Path) -> io::Result<Written> {
    let mut written = Written { files: 0, bytes: 0, changed: 0, removed: 0 };
    for (relative, bytes) in &edition.files {
        let path = out.join(relative);
        written.files += 1;
        written.bytes += bytes.len() as u64;
        if fs::read(&path).is_ok_and(|old| &old == bytes) {
            continue;
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, bytes)?;
        written.changed += 1;
    }
    let keep: BTreeSet<PathBuf> = edition.files.keys().map(|relative| out.join(relative)).collect();
    for path in crate::walk(&out.join("content")) {
        if !keep.contains(&path) {
            fs::remove_file(&path)?;
            written.removed += 1;
        }
    }
    Ok(written)
}
