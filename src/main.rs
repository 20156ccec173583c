//! The app's entry point in the browser: started by its own loader (the
//! search page's app, `cargo xtask dev`'s shell), or by a prerendered
//! page's own module, which then hands it the page ([`hand_over`]).

// As in lib.rs: the views nest deeper than the default when rendered natively.
#![recursion_limit = "256"]

use wasm_bindgen::prelude::wasm_bindgen;

fn main() {
    console_error_panic_hook::set_once();
    dispatch::boot::start();
}

/// Called by a prerendered page's own module once it has started the app
/// (`src/page.rs`): the app takes the page over to show `address` (its
/// decoded path `path`), with `ahead`, the files that module fetched ahead
/// (`dispatch::api::ahead_for_app`), and calls `release` as it replaces
/// the page, which stops that module's parts and returns its signup on
/// its way, if any (`dispatch::newsletter::send_for_app`).
#[wasm_bindgen]
pub fn hand_over(path: String, address: String, ahead: js_sys::Array, release: js_sys::Function) {
    dispatch::boot::taken_from_page(path, address, ahead, release);
}
