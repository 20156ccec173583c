//! The interactive parts of a prerendered page, each mounted on its own
//! (issue 19; `docs/browser-speed.md`): the theme switch, the newsletter
//! form and an article's share links. The rest of the page stays the HTML
//! that arrived, untouched, until the app takes the page over at the first
//! in-app navigation (`src/boot.rs`).
//!
//! Each part is rendered in the browser by the same component that
//! prerendered it, from the same data (the page's embedded site settings,
//! [`crate::preload`], and its address and headline), and put in place of
//! its prerendered element in one step, so it reads and measures the
//! same: nothing flashes or shifts.
//!
//! The newsletter form, the largest part (a task of 55 to 90 ms on a phone
//! at 4x CPU slowdown, `docs/browser-speed.md`), is mounted when a reader
//! comes near it rather than at start, while it would render just as it
//! was prerendered: most readers of an article never scroll to it, and a
//! start that does less blocks the phone's main thread less
//! ([`when_near`]). A form with something to show that the prerendered one
//! does not (a signup waiting to be sent, a reader already subscribed) is
//! mounted at start as before.

use std::{any::Any, cell::RefCell, collections::VecDeque, rc::Rc};

use dispatch_model::{paths, Site};
use leptos::{
    prelude::*,
    reactive::owner::Owner,
    tachys::view::{Mountable, Render},
    wasm_bindgen::{closure::Closure, JsCast},
};

use crate::{
    components::{share_links::ShareLinks, theme_toggle::ThemeToggle},
    newsletter::{NewsletterForm, Placement},
    share,
    text::Text,
};

/// A mounted part: its reactive owner and its view's state, which keep its
/// effects and handlers alive.
struct Island {
    owner: Owner,
    _state: Box<dyn Any>,
}

/// A part waiting for the reader to come near it: the observer that will
/// mount it, kept until it mounts or the app takes the page over.
struct Waiting {
    element: web_sys::Element,
    observer: web_sys::IntersectionObserver,
}

impl Drop for Waiting {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

thread_local! {
    static MOUNTED: RefCell<Vec<Island>> = const { RefCell::new(Vec::new()) };
    static WAITING: RefCell<Vec<Waiting>> = const { RefCell::new(Vec::new()) };
}

/// How far outside the viewport a waiting part starts to mount, as an
/// `IntersectionObserver` root margin (W3C Intersection Observer: a
/// percentage is of the viewport's height): one screen ahead, so a reader
/// scrolling even quickly finds it mounted.
const NEAR: &str = "100% 0px";

/// Mounts the interactive parts of the prerendered page for `path` (as the
/// router sees it) that are in the document, each in a task of its own
/// (a phone's main thread is then never blocked by all of them at once:
/// Total Blocking Time counts each task's time past 50 ms), then calls
/// `done`.
pub fn mount(path: &str, done: impl FnOnce() + 'static) {
    let path = path.to_owned();
    let mut parts: VecDeque<Box<dyn FnOnce()>> = VecDeque::new();
    parts.push_back(Box::new(mount_theme_toggle));
    for placement in [Placement::Article, Placement::Page, Placement::Footer] {
        parts.push_back(Box::new(move || {
            let title = document().get_element_by_id(&format!("{}-title", placement.id()));
            if let Some(form) = title.and_then(|title| title.closest("section.newsletter").ok().flatten()) {
                let mount = move |form: web_sys::Element| {
                    // What the reader has typed up to this task.
                    crate::newsletter::keep_early_input();
                    swap(form, move || view! { <NewsletterForm placement=placement /> });
                };
                if crate::newsletter::shows_more_than_prerendered(crate::boot::page_edition()) {
                    mount(form);
                } else {
                    when_near(form, mount);
                }
            }
        }));
    }
    parts.push_back(Box::new(move || {
        // An article's page is at its canonical address (`boot` makes the
        // window's address canonical first), and its headline is the
        // text of its `h1`: the props the prerenderer gave the links, with
        // no need to embed the article's file (`preload::to_embed`).
        let headline = document().query_selector("h1.article-headline").ok().flatten().and_then(|h1| h1.text_content());
        if let (Ok(Some(links)), Some(headline)) = (document().query_selector("nav.share"), headline) {
            let edition = crate::boot::page_edition();
            let origin = file::<Site>(&edition.path(paths::SITE)).map(|site| site.url).unwrap_or_default();
            let url = share::article_url(&origin, &path);
            swap(links, move || view! { <ShareLinks headline=headline url=url attr:data-pagefind-ignore="" /> });
        }
    }));
    parts.push_back(Box::new(done));
    one_by_one(parts);
}

/// Mounts the header's theme switch: a part of the prerendered page, and,
/// once the app has taken the page over, of the header it keeps
/// ([`crate::App`]'s `kept_header`).
pub fn mount_theme_toggle() {
    if let Ok(Some(toggle)) = document().query_selector(".theme-toggle") {
        swap(toggle, ThemeToggle);
    }
}

/// Runs each of `parts` in a task of its own, in order, until the page is
/// left for the app's render.
fn one_by_one(mut parts: VecDeque<Box<dyn FnOnce()>>) {
    if let Some(part) = parts.pop_front() {
        set_timeout(
            move || {
                if crate::boot::leaving() {
                    return;
                }
                part();
                one_by_one(parts);
            },
            std::time::Duration::ZERO,
        );
    }
}

/// Unmounts every part, before the app renders the whole page: their
/// effects and listeners end (the newsletter form's retry timer among
/// them; a signup waiting to be sent stays in local storage).
pub fn unmount() {
    // Parts still waiting stop waiting (dropped, their observers
    // disconnect).
    WAITING.take();
    for island in MOUNTED.take() {
        island.owner.cleanup();
    }
}

/// Mounts `part` with `mount`, in a task of its own, once it is within
/// [`NEAR`] of the viewport: at once if it is there already (a reader who
/// typed in it before the app ran is looking at it), else when the reader
/// scrolls towards it or moves focus into it (the browser scrolls a
/// focused field into view); never, if the app takes the page over
/// first. Until then it is the prerendered element: its button stays
/// disabled, and what the reader types is kept when it mounts. (The
/// page's own module fetches the app so, near the page's footer:
/// [`crate::page`].)
pub(crate) fn when_near(part: web_sys::Element, mount: impl FnOnce(web_sys::Element) + 'static) {
    let waiting = Rc::new(RefCell::new(Some((part.clone(), mount))));
    let unseen = Rc::clone(&waiting);
    let seen = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        // One target an observer: its latest entry says where it is now.
        let entry = entries.get(entries.length().saturating_sub(1));
        if !entry.unchecked_into::<web_sys::IntersectionObserverEntry>().is_intersecting() {
            return;
        }
        let Some((part, mount)) = unseen.take() else { return };
        set_timeout(
            move || {
                WAITING.with_borrow_mut(|all| all.retain(|waiting| waiting.element != part));
                if !crate::boot::leaving() {
                    mount(part);
                }
            },
            std::time::Duration::ZERO,
        );
    });
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin(NEAR);
    // The callback belongs to the browser's garbage collector: an entry
    // queued before `disconnect` may still be delivered (W3C Intersection
    // Observer), and then finds nothing left to mount.
    let seen = seen.into_js_value();
    match web_sys::IntersectionObserver::new_with_options(seen.unchecked_ref(), &options) {
        Ok(observer) => {
            observer.observe(&part);
            WAITING.with_borrow_mut(|all| all.push(Waiting { element: part, observer }));
        }
        // A browser without the observer gets the part at once.
        Err(_) => {
            if let Some((part, mount)) = waiting.take() {
                mount(part);
            }
        }
    }
}

/// The words of the page's edition, in the digits its embedded site
/// settings chose.
fn page_text() -> Text {
    let edition = crate::boot::page_edition();
    let digits = file::<Site>(&edition.path(paths::SITE)).and_then(|site| site.digits);
    Text::for_site(edition, digits)
}

fn file<T: serde::de::DeserializeOwned>(path: &str) -> Option<T> {
    serde_json::from_str(&crate::preload::peek(path)?).ok()
}

/// Renders `view` and puts it where `old` is. A reader may be typing in
/// it as the app starts: the focus, and the caret or selection in a text
/// field, move to the same place in the new element (found by id, by
/// name, or the part itself), so no keystroke is lost.
fn swap<V: IntoView + 'static>(old: web_sys::Element, view: impl FnOnce() -> V + 'static) {
    let Some(parent) = old.parent_element() else { return };
    let focused = document().active_element().filter(|active| old.contains(Some(active)));
    let owner = Owner::new();
    let marker = old.clone();
    let state = owner.with(move || {
        provide_context(page_text());
        let mut state = view().into_view().build();
        state.mount(&parent, Some(marker.unchecked_ref()));
        state
    });
    if let Some(focused) = focused {
        // Each part renders one element, now just before the old one.
        let root = old.previous_element_sibling();
        let named = || {
            let name = focused.get_attribute("name").filter(|name| name.bytes().all(|b| b.is_ascii_alphanumeric()))?;
            root.as_ref()?.query_selector(&format!("[name={name}]")).ok().flatten()
        };
        let again = if focused == old {
            root.clone()
        } else if !focused.id().is_empty() {
            document().get_element_by_id(&focused.id())
        } else {
            named()
        };
        old.remove();
        refocus(&focused, again);
    } else {
        old.remove();
    }
    MOUNTED.with_borrow_mut(|mounted| mounted.push(Island { owner, _state: Box::new(state) }));
}

/// Focuses `again`, the new element standing for `was`, with `was`'s
/// caret or selection when both are text fields.
fn refocus(was: &web_sys::Element, again: Option<web_sys::Element>) {
    let Some(again) = again.and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok()) else { return };
    let _ = again.focus();
    let (Some(was), Some(field)) =
        (was.dyn_ref::<web_sys::HtmlInputElement>(), again.dyn_ref::<web_sys::HtmlInputElement>())
    else {
        return;
    };
    if let (Ok(Some(start)), Ok(Some(end))) = (was.selection_start(), was.selection_end()) {
        let _ = field.set_selection_range(start, end);
    }
}
