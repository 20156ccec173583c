//! A prerendered page's own module in the browser (`src/page.rs`): the
//! page's parts and links, without the app's router and pages, which it
//! fetches and hands the page to at the first in-app navigation.

fn main() {
    console_error_panic_hook::set_once();
    dispatch::page::start();
}
