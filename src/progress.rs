//! The route-progress bar: a thin bar at the top of the window while a
//! page's content is loading, shown only once the load has taken longer
//! than a moment, so quick navigations do not flicker.

use std::time::Duration;

use leptos::prelude::*;

/// Loads a reader sees this bar longer than, in milliseconds: below it the
/// skeleton is enough.
pub const DELAY_MS: u32 = 300;

/// How many page loads are under way.
#[derive(Clone, Copy)]
pub struct Loads(RwSignal<u32>);

impl Loads {
    pub fn provide() -> Loads {
        let loads = Loads(RwSignal::new(0));
        provide_context(loads);
        loads
    }
}

/// Held by a load while it runs: dropping it, when the load ends or is
/// abandoned (the reader moved on), takes it off the count.
pub struct Ticket(Option<RwSignal<u32>>);

impl Ticket {
    /// A ticket counted by the [`Loads`] in context, if any.
    pub fn issue() -> Ticket {
        let count = use_context::<Loads>().map(|Loads(count)| count);
        if let Some(count) = count {
            count.update(|n| *n += 1);
        }
        Ticket(count)
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        if let Some(count) = self.0 {
            count.try_update(|n| *n = n.saturating_sub(1));
        }
    }
}

/// The bar. Decorative: the skeleton's status line already tells screen
/// readers that the page is loading.
#[component]
pub fn RouteProgress(loads: Loads) -> impl IntoView {
    let Loads(count) = loads;
    let shown = RwSignal::new(false);
    Effect::new(move |_| {
        if count.get() == 0 {
            shown.set(false);
        } else {
            set_timeout(
                move || {
                    if count.try_get_untracked().is_some_and(|n| n > 0) {
                        shown.try_set(true);
                    }
                },
                Duration::from_millis(DELAY_MS.into()),
            );
        }
    });
    view! { <div class="route-progress" class:route-progress-on=move || shown.get() aria-hidden="true"></div> }
}
