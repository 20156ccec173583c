use std::time::Duration;

use dispatch_model::{routes, Site};
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::{
    hooks::{use_location, use_navigate},
    NavigateOptions,
};

use crate::{
    api::{self, Found},
    components::{article_card::ArticleCard, page_head::PageHead},
    error::ApiError,
    search::{field, Hit, Order, Run, SearchQuery, PAGE_SIZE, TYPING_PAUSE_MS},
    text::use_text,
    SiteSettings,
};

/// `/search` in the app built without the search page (every page's app
/// but the search page's own; the `search` feature): an in-app way here
/// (a link in an article's body, say) loads the search page whole, with
/// its own app. A document loaded here with this app (`cargo xtask dev`,
/// whose Trunk builds the one app; or a host serving the wrong shell)
/// says that search cannot start, rather than loading itself again.
#[component]
pub fn SearchElsewhere() -> impl IntoView {
    let text = use_text();
    let location = use_location();
    Effect::new(move |_| {
        if !crate::boot::loaded_at_search() {
            // The router puts the new address in the history after the
            // page renders: the address is the route's, and the load
            // replaces the router's entry once it is there, so that Back
            // returns to the page the reader came from.
            let query = location.search.get_untracked();
            let query = query.trim_start_matches('?');
            let address = text.edition.path(routes::SEARCH) + if query.is_empty() { "" } else { "?" } + query;
            set_timeout(move || drop(window().location().replace(&address)), Duration::ZERO);
        }
    });
    view! {
        <div class="search-page">
            <h1 class="page-heading">{text.search_page_title}</h1>
            <p>{text.search_elsewhere}</p>
        </div>
    }
}

/// What the page shows under the form.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Outcome {
    /// No words yet: how to search.
    Idle,
    /// The last search's answer, with the query it answered.
    Found(SearchQuery, Found),
    Failed(ApiError),
}

/// `/search?q=…&section=…&region=…&sort=newest`: the site search.
///
/// The address is the search ([`SearchQuery`]): typing updates it (in
/// place, after a pause of [`TYPING_PAUSE_MS`]), so a search can be
/// bookmarked, shared and returned to. The form is a plain GET form to
/// this page, so it is a form before the app starts too; the prerendered
/// page, which no query reaches, says that searching needs JavaScript and
/// links the sections instead. Answers come from Pagefind through
/// [`api::search`]; an answer to a search the reader has since changed is
/// dropped.
#[component]
pub fn SearchPage() -> impl IntoView {
    let text = use_text();
    crate::focus::settle_at("#search-words");
    Effect::new(move |_| {
        if crate::boot::followed_to_search() {
            request_animation_frame(|| {
                if let Ok(Some(field)) = document().query_selector("#search-words") {
                    crate::focus::focus_in_place(field);
                }
            });
        }
    });
    let location = use_location();
    let query = Memo::new(move |_| SearchQuery::parse(&location.search.get()));
    let site = use_context::<SiteSettings>().unwrap_or_else(|| Signal::derive(|| None));

    // False while the page renders natively and in the browser's first
    // render, which is then the prerendered page's (what a reader without
    // JavaScript sees), until the app runs.
    let running = RwSignal::new(false);
    Effect::new(move |_| {
        running.set(true);
        // A reader on this page is about to search: the engine loads
        // while they type.
        leptos::task::spawn_local(api::prepare_search());
    });

    let outcome = RwSignal::new(Outcome::Idle);
    let busy = RwSignal::new(false);
    // What the words field holds, and the words last put in the address
    // from it: an address that differs came from elsewhere (Back, a link)
    // and replaces what the field holds.
    let draft = RwSignal::new(String::new());
    let written = StoredValue::new(String::new());
    let shown = StoredValue::new(PAGE_SIZE);
    let generation = StoredValue::new(0_u64);
    let pause = StoredValue::new(None::<TimeoutHandle>);

    let run = move |query: SearchQuery, count: usize| {
        let ticket = generation.get_value().wrapping_add(1);
        generation.set_value(ticket);
        if query.words().is_none() {
            busy.set(false);
            outcome.set(Outcome::Idle);
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let answer = api::search(&query, count).await;
            if generation.try_get_value() != Some(ticket) {
                return;
            }
            busy.try_set(false);
            let more = count > PAGE_SIZE;
            outcome.try_set(match answer {
                Ok(found) => Outcome::Found(query, found),
                Err(error) => Outcome::Failed(error),
            });
            if more {
                focus_result(count - PAGE_SIZE);
            }
        });
    };

    Effect::new(move |_| {
        let query = query.get();
        if !running.get() {
            return;
        }
        if query.terms != written.get_value() {
            written.set_value(query.terms.clone());
            draft.set(query.terms.clone());
        }
        shown.set_value(PAGE_SIZE);
        run(query, PAGE_SIZE);
    });

    // Puts the form's state in the address, in place of the current one;
    // the effect above then searches. The same address searches again
    // (a submit after a failure).
    let navigate = use_navigate();
    let go = Callback::new(move |next: SearchQuery| {
        if let Some(handle) = pause.get_value() {
            handle.clear();
        }
        written.set_value(next.terms.clone());
        let href = next.href();
        if next == query.get_untracked() {
            run(next, shown.get_value());
        } else {
            navigate(&href, NavigateOptions { replace: true, scroll: false, ..NavigateOptions::default() });
        }
    });
    let with_words = move || SearchQuery { terms: draft.get_untracked(), ..query.get_untracked() };

    let on_input = move |ev: leptos::ev::Event| {
        draft.set(event_target_value(&ev));
        if let Some(handle) = pause.get_value() {
            handle.clear();
        }
        let waiting =
            set_timeout_with_handle(move || go.run(with_words()), Duration::from_millis(u64::from(TYPING_PAUSE_MS)));
        pause.set_value(waiting.ok());
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        go.run(with_words());
    };
    let more = move |_| {
        let count = shown.get_value() + PAGE_SIZE;
        shown.set_value(count);
        run(query.get_untracked(), count);
    };
    let retry = move |_| run(query.get_untracked(), shown.get_value());

    // Each filter's choices, as (slug, name).
    let sections = Signal::derive(move || {
        site.with(|site| {
            site.iter().flat_map(|site| &site.sections).map(|s| (s.slug.clone(), s.name.clone())).collect()
        })
    });
    let regions = Signal::derive(move || {
        site.with(|site| site.iter().flat_map(|site| &site.regions).map(|r| (r.slug.clone(), r.name.clone())).collect())
    });

    let status = move || {
        if busy.get() {
            return text.searching.to_string();
        }
        match outcome.get() {
            Outcome::Found(query, found) => text.search_count(found.total, query.words().unwrap_or_default()),
            Outcome::Idle | Outcome::Failed(_) => String::new(),
        }
    };

    let body = move || {
        if !running.get() {
            return view! { <NeedsScript site=site /> }.into_any();
        }
        match outcome.get() {
            Outcome::Idle if busy.get() => ().into_any(),
            Outcome::Idle => view! { <p class="search-hint">{text.search_start}</p> }.into_any(),
            Outcome::Failed(error) => view! {
                <div class="notice-error search-failed" role="alert">
                    <p>{text.search_failed(&error)}</p>
                    <button type="button" class="button" on:click=retry>
                        {text.retry}
                    </button>
                </div>
            }
            .into_any(),
            Outcome::Found(query, found) if found.total == 0 => {
                let everywhere = query.is_filtered().then(|| {
                    let href = SearchQuery { section: String::new(), region: String::new(), ..query }.href();
                    view! { <p><a href=text.edition.path(&href)>{text.search_everywhere}</a></p> }
                });
                view! {
                    <div class="search-empty">
                        <p>{text.no_results_hint}</p>
                        {everywhere}
                    </div>
                }
                .into_any()
            }
            Outcome::Found(_, found) => {
                let Found { total, hits } = found;
                let shown_now = hits.len();
                let more_button = (total > shown_now).then(|| {
                    view! {
                        <p class="search-more">
                            {text.search_shown(shown_now, total)} " "
                            <button type="button" class="button button-quiet" on:click=more>
                                {text.more_results}
                            </button>
                        </p>
                    }
                });
                view! {
                    <ol class="search-results" aria-label=text.search_results_label>
                        {hits.into_iter().map(|hit| view! { <li><SearchResult hit=hit /></li> }).collect_view()}
                    </ol>
                    {more_button}
                }
                .into_any()
            }
        }
    };

    view! {
        <PageHead title=text.search_page_title description=text.search_page_description />
        <div class="search-page">
            <h1 class="page-heading">{text.search_page_title}</h1>
            <form class="search-form" role="search" action=text.edition.path(routes::SEARCH) method="get" on:submit=on_submit>
                <div class="field search-words">
                    <label for="search-words">{text.search_words_label}</label>
                    <div class="search-row">
                        <input
                            id="search-words"
                            name=field::TERMS
                            type="search"
                            autocomplete="off"
                            enterkeyhint="search"
                            aria-describedby="search-words-hint"
                            prop:value=move || draft.get()
                            on:input=on_input
                        />
                        <button type="submit" class="button">{text.search_button}</button>
                    </div>
                    <p class="field-hint" id="search-words-hint">{text.search_words_hint}</p>
                </div>
                <div class="search-filters">
                    <Choice
                        id="search-section"
                        name=field::SECTION
                        label=text.search_section_label
                        all=text.all_sections
                        options=sections
                        chosen=Signal::derive(move || query.with(|query| query.section.clone()))
                        on_choose=Callback::new(move |slug| go.run(SearchQuery { section: slug, ..with_words() }))
                    />
                    <Choice
                        id="search-region"
                        name=field::REGION
                        label=text.search_region_label
                        all=text.all_regions
                        options=regions
                        chosen=Signal::derive(move || query.with(|query| query.region.clone()))
                        on_choose=Callback::new(move |slug| go.run(SearchQuery { region: slug, ..with_words() }))
                    />
                    <Choice
                        id="search-order"
                        name=field::ORDER
                        label=text.search_order_label
                        all=text.order_relevance
                        options=Signal::stored(vec![(field::NEWEST.to_string(), text.order_newest.to_string())])
                        chosen=Signal::derive(move || {
                            if query.with(|query| query.order == Order::Newest) { field::NEWEST } else { "" }.to_string()
                        })
                        on_choose=Callback::new(move |order: String| {
                            let order = if order == field::NEWEST { Order::Newest } else { Order::Relevance };
                            go.run(SearchQuery { order, ..with_words() })
                        })
                    />
                </div>
            </form>
            <p class="search-status" role="status">{status}</p>
            {body}
        </div>
    }
}

/// One of the form's drop-downs: "all" (an empty value) first, then
/// `options` as (value, label); the option whose value is `chosen` is
/// selected (a property, so the prerendered page and the app's render agree).
#[component]
fn Choice(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    all: &'static str,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    chosen: Signal<String>,
    on_choose: Callback<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=name on:change=move |ev| on_choose.run(event_target_value(&ev))>
                <option value="">{all}</option>
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(value, text)| {
                            let this = value.clone();
                            view! {
                                <option value=value prop:selected=move || chosen.with(|chosen| *chosen == this)>
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// Before the app runs: what to do without a search.
#[component]
fn NeedsScript(site: Signal<Option<Site>>) -> impl IntoView {
    let text = use_text();
    let sections = move || site.with(|site| site.as_ref().map(|site| site.sections.clone()).unwrap_or_default());
    view! {
        <div class="search-hint">
            <p>{text.search_needs_script}</p>
            <ul class="search-sections">
                {move || sections().into_iter().map(|section| {
                    view! { <li><a href=text.edition.path(&routes::section(&section.slug))>{section.name}</a></li> }
                }).collect_view()}
            </ul>
        </div>
    }
}

/// One result: the article's card, then where the words matched, marked.
#[component]
fn SearchResult(hit: Hit) -> impl IntoView {
    let Hit { summary, excerpt } = hit;
    view! {
        <ArticleCard summary=summary />
        <p class="search-excerpt">
            {excerpt
                .into_iter()
                .map(|Run { text, marked }| {
                    if marked { view! { <mark>{text}</mark> }.into_any() } else { text.into_any() }
                })
                .collect_view()}
        </p>
    }
}

/// Moves focus to result `index` (from 0) once it is in the document: the
/// first of those "More results" added, so a keyboard reader goes on
/// from there rather than from the top.
fn focus_result(index: usize) {
    request_animation_frame(move || {
        use leptos::wasm_bindgen::JsCast;
        let selector = format!(".search-results > li:nth-child({}) a", index + 1);
        if let Some(link) = document()
            .query_selector(&selector)
            .ok()
            .flatten()
            .and_then(|link| link.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = link.focus();
        }
    });
}
