//! The browser's local storage, for what the app remembers between visits.
//! Call these from effects and event handlers only, never while rendering:
//! the same components render natively, where there is no storage. Private
//! modes may refuse storage; then nothing is remembered and nothing fails.

use serde::{de::DeserializeOwned, Serialize};

/// The reader's theme; index.html's early script reads the same key.
pub const THEME: &str = "dispatch-theme";
/// A newsletter signup that has not gone through yet.
pub const PENDING_SIGNUP: &str = "dispatch-newsletter-pending";
/// The digests this device has signed up for, in `edition`: each edition
/// has its own lists, so a reader of one is not taken for a subscriber of
/// the other.
pub fn subscribed(edition: dispatch_model::Edition) -> String {
    match edition.folder() {
        "" => "dispatch-newsletter-subscribed".to_string(),
        folder => format!("dispatch-newsletter-subscribed-{folder}"),
    }
}

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn read(key: &str) -> Option<String> {
    local()?.get_item(key).ok().flatten()
}

pub fn write(key: &str, value: &str) {
    if let Some(storage) = local() {
        let _ = storage.set_item(key, value);
    }
}

pub fn remove(key: &str) {
    if let Some(storage) = local() {
        let _ = storage.remove_item(key);
    }
}

/// A value stored as JSON; anything unreadable counts as absent.
pub fn read_json<T: DeserializeOwned>(key: &str) -> Option<T> {
    serde_json::from_str(&read(key)?).ok()
}

pub fn write_json<T: Serialize>(key: &str, value: &T) {
    if let Ok(json) = serde_json::to_string(value) {
        write(key, &json);
    }
}
