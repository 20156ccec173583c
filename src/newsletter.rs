//! The newsletter signup: one form, placed in the article's call to
//! action, on the newsletter page and in the footer of pages that have
//! neither.
//!
//! It never loses what a reader typed. A signup is checked in the browser
//! by the rules `dispatch-server` also applies; once sent, it waits in
//! local storage until the service has accepted it, so that a failure, a
//! reload or going offline only delays it:
//! - a 5xx, a timeout or a dropped connection is retried with backoff
//!   ([`retry_delay_secs`]), and the reader may retry at once;
//! - offline, it waits for the browser's `online` event;
//! - after a reload, the waiting signup is put back in the form and sent;
//! - a refusal (4xx) shows the service's message as text; a rate limit says
//!   when to come back.
//!
//! Unlike the presentational pieces in `components/`, this one owns its
//! state and talks to the network (through [`crate::api`]), because the
//! signup is the same wherever it is placed. Storage, timers and events are
//! touched only in effects and handlers, so it also renders natively.

use dispatch_model::{
    newsletter::{retry_delay_secs, Problem, Signup},
    routes, Edition,
};
use std::{cell::RefCell, collections::HashMap};

use leptos::{ev, html, prelude::*, task::spawn_local};
use serde::{Deserialize, Serialize};

use crate::{
    api,
    error::ApiError,
    routes::newsletter::PRIVACY_HREF,
    storage,
    text::{use_text, Text},
};

/// Automatic retries before a failed signup waits for the reader.
const AUTO_RETRIES: u32 = 5;

/// Where a form sits. Its element ids start with the placement's name, so
/// that ids stay unique.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    Article,
    Page,
    Footer,
}

impl Placement {
    /// The prefix of the form's element ids: `{id}-title`, `{id}-email`…
    pub fn id(self) -> &'static str {
        match self {
            Placement::Article => "signup-article",
            Placement::Page => "signup-page",
            Placement::Footer => "signup-footer",
        }
    }
}

/// Whether a form in `edition` would show something its prerendered copy
/// does not: a signup waiting in storage to be sent again, or the digests
/// this device has signed up for. Such a form is mounted as soon as the
/// app runs ([`crate::islands`]); any other may wait for the reader.
/// Reads local storage: call it in the browser only.
pub fn shows_more_than_prerendered(edition: Edition) -> bool {
    storage::read(storage::PENDING_SIGNUP).is_some() || storage::read(&storage::subscribed(edition)).is_some()
}

/// Whether the page at `path` places a form of its own: an article (its
/// call to action) or the newsletter page. The footer offers one only
/// elsewhere, so a page never shows two. It is decided by the address
/// rather than by what has rendered, so that the prerendered page and the
/// app's render of the same address agree.
pub fn page_has_own_form(path: &str) -> bool {
    let (_, path) = Edition::split(path);
    if path == routes::NEWSLETTER {
        return true;
    }
    let mut parts = path.trim_start_matches('/').split('/');
    matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some(section), Some(slug), None) if !section.is_empty() && !slug.is_empty() && !routes::RESERVED.contains(&section)
    )
}

/// The digests this device signed up for (kept after success; the address
/// is not).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Digests {
    daily: bool,
    weekly: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Status {
    Idle,
    Invalid,
    Sending { resumed: bool },
    Offline,
    Failed { error: ApiError, retry_in: Option<u32> },
    Done { optin: bool },
}

impl Status {
    /// What the status line says; nothing while idle.
    fn words(&self, text: Text) -> Option<String> {
        Some(match self {
            Status::Idle => return None,
            Status::Invalid => text.signup_fix.to_string(),
            Status::Sending { resumed: false } => text.signup_sending.to_string(),
            Status::Sending { resumed: true } => text.signup_resumed.to_string(),
            Status::Offline => text.signup_offline.to_string(),
            Status::Failed { error, retry_in } => text.signup_failed(error, *retry_in),
            Status::Done { optin: true } => text.signup_confirm.to_string(),
            Status::Done { optin: false } => text.signup_done.to_string(),
        })
    }
}

thread_local! {
    /// The signup this page is sending, as what became of it (`None`
    /// while in flight). Shared by every form: one mounted while a signup
    /// is on its way (the reader moved to another page, or the app took
    /// the page over) waits for that answer rather than sending the
    /// signup a second time, which listmonk would answer with a second
    /// confirmation email.
    static IN_FLIGHT: RefCell<Option<ArcRwSignal<Option<Status>>>> = const { RefCell::new(None) };
}

/// Sends signups for one form and keeps them until they are accepted.
#[derive(Clone, Copy)]
struct Outbox {
    status: RwSignal<Status>,
    attempts: StoredValue<u32>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

impl Outbox {
    fn new() -> Outbox {
        Outbox { status: RwSignal::new(Status::Idle), attempts: StoredValue::new(0), timer: StoredValue::new(None) }
    }

    /// A new signup from the reader: saved first, then sent.
    fn start(self, signup: Signup) {
        storage::write_json(storage::PENDING_SIGNUP, &signup);
        self.attempts.set_value(0);
        self.send(signup, false);
    }

    fn cancel_retry(self) {
        if let Some(Some(timer)) = self.timer.try_update_value(Option::take) {
            timer.clear();
        }
    }

    fn send(self, signup: Signup, resumed: bool) {
        self.cancel_retry();
        if !online() {
            self.status.set(Status::Offline);
            return;
        }
        self.status.set(Status::Sending { resumed });
        let outcome = ArcRwSignal::new(None);
        IN_FLIGHT.set(Some(outcome.clone()));
        spawn_local(async move {
            let result = match api::newsletter_config().await {
                // A site without lists for the edition cannot take it.
                Ok(config) => match config.request(&signup) {
                    Some(request) => api::subscribe(&config.endpoint, &request).await,
                    None => Err(ApiError::NotFound),
                },
                Err(error) => Err(error),
            };
            let next = match result {
                Ok(optin) => {
                    storage::remove(storage::PENDING_SIGNUP);
                    let digests = Digests { daily: signup.daily, weekly: signup.weekly };
                    storage::write_json(&storage::subscribed(signup.edition), &digests);
                    Status::Done { optin }
                }
                Err(error) if error.is_retryable() && !online() => Status::Offline,
                Err(error) if error.is_retryable() => {
                    // None: the form is gone (the reader moved on); the
                    // signup waits in storage, and a form waiting for
                    // this answer sends it again itself.
                    let Some(attempt) = self.attempts.try_update_value(|n| {
                        *n += 1;
                        *n
                    }) else {
                        settle(&outcome, Status::Failed { error, retry_in: None });
                        return;
                    };
                    let retry_in = (attempt <= AUTO_RETRIES).then(|| retry_delay_secs(attempt));
                    if let Some(seconds) = retry_in {
                        let again = signup.clone();
                        let timer = set_timeout_with_handle(
                            move || self.send(again, false),
                            std::time::Duration::from_secs(seconds.into()),
                        )
                        .ok();
                        self.timer.set_value(timer);
                    }
                    Status::Failed { error, retry_in }
                }
                Err(error) => {
                    // Refused: sending it again would be refused again. A
                    // rate limit keeps it, for the reader to send later.
                    if matches!(error, ApiError::Refused(_)) {
                        storage::remove(storage::PENDING_SIGNUP);
                    }
                    Status::Failed { error, retry_in: None }
                }
            };
            settle(&outcome, next.clone());
            self.status.try_set(next);
        });
    }

    /// Resumes `pending`, a signup an earlier form or visit left in
    /// storage: sent again, unless this page is sending it already, in
    /// which case its answer is shown when it comes (and a retryable
    /// failure is retried from here, the form that sent it being gone).
    fn resume(self, pending: Signup) {
        let Some(outcome) = IN_FLIGHT.with_borrow(Clone::clone) else {
            // A form already waiting on this visit's send goes on saying
            // "sending"; one that found the signup on load says it is from
            // the last visit.
            let resumed = !matches!(self.status.get_untracked(), Status::Sending { resumed: false });
            self.send(pending, resumed);
            return;
        };
        // The same visit's signup: "sending", not "from your last visit".
        self.status.set(Status::Sending { resumed: false });
        Effect::new(move |_| match outcome.get() {
            None => {}
            // Failed, and no retry scheduled by the form that sent it (it
            // is gone): this form sends it again, unless another send of
            // it has started meanwhile, whose answer it then waits for.
            Some(Status::Failed { error, retry_in: None }) if error.is_retryable() => self.resume(pending.clone()),
            Some(next) => self.status.set(next),
        });
    }
}

/// The signup this module is sending, for the app taking the page over
/// from the page's own module ([`crate::page`]): a promise of what became
/// of it ([`status_code`]), or `undefined` when nothing is on its way.
/// The app's forms wait for it ([`adopt_send`]) rather than send the
/// signup a second time. The send goes on here, the form that sent it
/// gone: a retryable failure is retried by the app's form.
pub fn send_for_app() -> wasm_bindgen::JsValue {
    let Some(outcome) = IN_FLIGHT.with_borrow(Clone::clone) else { return wasm_bindgen::JsValue::UNDEFINED };
    wasm_bindgen_futures::future_to_promise(async move {
        // The send ends within `api::TIMEOUT_MS`; a signal cannot be
        // awaited outside a reactive owner, so it is looked at every 50 ms.
        loop {
            if let Some(status) = outcome.get_untracked() {
                return Ok(status_code(&status).into());
            }
            gloo_timers::future::TimeoutFuture::new(50).await;
        }
    })
    .into()
}

/// The app's side of [`send_for_app`]: `send`, when a promise, is this
/// page's send in flight, which every form mounted meanwhile waits for.
pub fn adopt_send(send: wasm_bindgen::JsValue) {
    let Ok(send) = wasm_bindgen::JsCast::dyn_into::<js_sys::Promise>(send) else { return };
    let outcome = ArcRwSignal::new(None);
    IN_FLIGHT.set(Some(outcome.clone()));
    spawn_local(async move {
        let code = wasm_bindgen_futures::JsFuture::from(send).await.ok().and_then(|code| code.as_string());
        let status = code.as_deref().and_then(status_of_code);
        settle(&outcome, status.unwrap_or(Status::Failed { error: ApiError::Network, retry_in: None }));
    });
}

/// A settled send's status as one line of text, which crosses from one
/// wasm module to the other ([`send_for_app`]); [`status_of_code`] reads
/// it back. A send settles as done, offline or failed; a failure crosses
/// without a retry time, the form that scheduled it being gone.
fn status_code(status: &Status) -> String {
    let failed = |error: &ApiError| match error {
        ApiError::NotFound => "not-found".to_string(),
        ApiError::Server(code) => format!("server {code}"),
        ApiError::Network => "network".to_string(),
        ApiError::Timeout => "timeout".to_string(),
        ApiError::Malformed(why) => format!("malformed {why}"),
        ApiError::Refused(why) => format!("refused {why}"),
        ApiError::TooMany(Some(seconds)) => format!("too-many {seconds}"),
        ApiError::TooMany(None) => "too-many".to_string(),
    };
    match status {
        Status::Done { optin } => format!("done {optin}"),
        Status::Offline => "offline".to_string(),
        Status::Failed { error, .. } => format!("failed {}", failed(error)),
        // Not what a send settles as; were it, the form sends again.
        Status::Idle | Status::Invalid | Status::Sending { .. } => "failed network".to_string(),
    }
}

/// The status [`status_code`] wrote, or `None` for any other text.
fn status_of_code(code: &str) -> Option<Status> {
    let (kind, rest) = code.split_once(' ').unwrap_or((code, ""));
    let failed = |error| Some(Status::Failed { error, retry_in: None });
    match kind {
        "done" => Some(Status::Done { optin: rest.parse().ok()? }),
        "offline" => Some(Status::Offline),
        "failed" => {
            let (error, detail) = rest.split_once(' ').unwrap_or((rest, ""));
            match error {
                "not-found" => failed(ApiError::NotFound),
                "server" => failed(ApiError::Server(detail.parse().ok()?)),
                "network" => failed(ApiError::Network),
                "timeout" => failed(ApiError::Timeout),
                "malformed" => failed(ApiError::Malformed(detail.to_string())),
                "refused" => failed(ApiError::Refused(detail.to_string())),
                "too-many" => failed(ApiError::TooMany(detail.parse().ok())),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Tells the forms waiting for a send (see [`IN_FLIGHT`]) what became of
/// it, and that nothing is in flight any more.
fn settle(outcome: &ArcRwSignal<Option<Status>>, next: Status) {
    IN_FLIGHT.with_borrow_mut(|in_flight| {
        // Signals compare by identity.
        if in_flight.as_ref() == Some(outcome) {
            *in_flight = None;
        }
    });
    outcome.set(Some(next));
}

fn online() -> bool {
    window().navigator().on_line()
}

/// Which field shows a problem.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Email,
    Digests,
    Consent,
}

fn field_of(problem: Problem) -> Field {
    match problem {
        Problem::EmailMissing | Problem::EmailTooLong | Problem::EmailInvalid => Field::Email,
        Problem::NoDigest => Field::Digests,
        Problem::NoConsent => Field::Consent,
    }
}

/// A field of a prerendered form as the reader left it before the app ran.
#[derive(Clone, Default)]
struct Early {
    text: String,
    checked: bool,
}

thread_local! {
    /// By `{form id}-{field name}`, as [`NewsletterForm`] names its fields.
    static EARLY: RefCell<HashMap<String, Early>> = RefCell::new(HashMap::new());
}

/// Reads what a reader typed into the forms in the page: into a
/// prerendered form before the app ran, or into a form the app is about to
/// replace (the page's own, when the app takes the whole page over). Each
/// form the app renders next starts from what was read here, once.
pub fn keep_early_input() {
    use leptos::wasm_bindgen::JsCast;
    let Ok(inputs) = document().query_selector_all(".newsletter-form input[name]") else { return };
    for index in 0..inputs.length() {
        let Some(input) = inputs.item(index).and_then(|node| node.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
            continue;
        };
        let form = input.closest("form").ok().flatten();
        let email = form.and_then(|form| form.query_selector("input[name=email]").ok().flatten());
        let Some(prefix) = email.map(|email| email.id()).and_then(|id| id.strip_suffix("-email").map(str::to_owned))
        else {
            continue;
        };
        let field = Early { text: input.value(), checked: input.checked() };
        EARLY.with_borrow_mut(|early| early.insert(format!("{prefix}-{}", input.name()), field));
    }
}

#[component]
pub fn NewsletterForm(placement: Placement) -> impl IntoView {
    let text = use_text();
    let id = placement.id();
    let (title_id, email_id, email_error, digests_error) =
        (format!("{id}-title"), format!("{id}-email"), format!("{id}-email-error"), format!("{id}-digests-error"));
    let (consent_id, consent_error, trap_id) =
        (format!("{id}-consent"), format!("{id}-consent-error"), format!("{id}-website"));

    let early = |name: &str| EARLY.with_borrow_mut(|early| early.remove(&format!("{id}-{name}"))).unwrap_or_default();
    let email = RwSignal::new(early("email").text);
    let daily = RwSignal::new(early("daily").checked);
    let weekly = RwSignal::new(early("weekly").checked);
    let consent = RwSignal::new(early("consent").checked);
    let trap = RwSignal::new(early("website").text);
    // Field errors show once the reader has tried to send, then follow
    // every change.
    let tried = RwSignal::new(false);
    let remembered = RwSignal::new(None::<Digests>);
    let outbox = Outbox::new();
    let status = outbox.status;

    on_cleanup(move || outbox.cancel_retry());

    let signup = move || Signup {
        email: email.get(),
        daily: daily.get(),
        weekly: weekly.get(),
        consent: consent.get(),
        edition: text.edition,
    };
    let problems = Memo::new(move |_| signup().problems());
    let problem = move |field: Field| {
        if !tried.get() {
            return None;
        }
        problems.with(|problems| problems.iter().copied().find(|problem| field_of(*problem) == field))
    };
    let invalid = move |field: Field| if problem(field).is_some() { "true" } else { "false" };
    // `None` rather than an empty string: natively an empty text renders as
    // a space (a marker for Leptos' hydration, which Dispatch no longer
    // uses), which would read differently from the app's render.
    let error_text = move |field: Field| problem(field).map(|problem| text.signup_problem(problem));

    let email_input = NodeRef::<html::Input>::new();
    let daily_input = NodeRef::<html::Input>::new();
    let consent_input = NodeRef::<html::Input>::new();

    let submit = move || {
        if matches!(status.get_untracked(), Status::Sending { .. }) {
            return;
        }
        // Only a program fills the hidden field: pretend all went well.
        if !trap.get_untracked().is_empty() {
            status.set(Status::Done { optin: true });
            return;
        }
        tried.set(true);
        let signup = signup();
        let first_problem = problems.get_untracked().first().copied();
        let Some(problem) = first_problem else {
            outbox.start(signup);
            return;
        };
        status.set(Status::Invalid);
        let input = match field_of(problem) {
            Field::Email => email_input,
            Field::Digests => daily_input,
            Field::Consent => consent_input,
        };
        if let Some(input) = input.get_untracked() {
            let _ = input.focus();
        }
    };

    // A prerendered form shows before the app runs. Its button stays
    // disabled until then, so nothing is sent without the app (a bare HTML
    // submission would put the address in a URL); what the reader typed
    // meanwhile is kept (see [`keep_early_input`]).
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));

    // What an earlier visit left: a signup still to send, or a done one.
    Effect::new(move |_| {
        remembered.set(storage::read_json(&storage::subscribed(text.edition)));
        if let Some(pending) = storage::read_json::<Signup>(storage::PENDING_SIGNUP) {
            email.set(pending.email.clone());
            daily.set(pending.daily);
            weekly.set(pending.weekly);
            consent.set(pending.consent);
            remembered.set(None);
            outbox.resume(pending);
        }
    });
    Effect::new(move |_| {
        let listener = window_event_listener(ev::online, move |_| {
            if status.get_untracked() == Status::Offline {
                if let Some(pending) = storage::read_json::<Signup>(storage::PENDING_SIGNUP) {
                    outbox.send(pending, false);
                }
            }
        });
        on_cleanup(move || listener.remove());
    });

    let sending = move || matches!(status.get(), Status::Sending { .. });
    let done = move || matches!(status.get(), Status::Done { .. });
    let can_retry = move || matches!(status.get(), Status::Failed { ref error, .. } if error.is_retryable());
    let failed = move || matches!(status.get(), Status::Failed { .. } | Status::Invalid);
    let both = (email_error, digests_error);
    let labelled_by = title_id.clone();

    view! {
        <section class="newsletter" aria-labelledby=labelled_by>
            <h2 class="newsletter-title" id=title_id>{text.newsletter_title}</h2>
            <p class="newsletter-pitch">{text.newsletter_pitch}</p>
            <Show when=move || remembered.get().is_some() && !done()>
                <p class="newsletter-remembered">
                    {move || remembered.get().map(|d| text.subscribed_already(d.daily, d.weekly))}
                </p>
                <button type="button" class="button button-quiet" on:click=move |_| remembered.set(None)>
                    {text.subscribe_another}
                </button>
            </Show>
            <Show when=move || remembered.get().is_none() && !done()>
                <form class="newsletter-form" novalidate on:submit=move |event: ev::SubmitEvent| {
                    event.prevent_default();
                    submit();
                }>
                    <div class="field">
                        <label for=email_id.clone()>{text.email_label}</label>
                        <input
                            id=email_id.clone()
                            node_ref=email_input
                            type="email"
                            name="email"
                            autocomplete="email"
                            inputmode="email"
                            spellcheck="false"
                            required
                            aria-invalid=move || invalid(Field::Email)
                            aria-describedby=both.0.clone()
                            bind:value=email
                        />
                        <p class="field-error" id=both.0.clone()>{move || error_text(Field::Email)}</p>
                    </div>
                    <fieldset class="field digests">
                        <legend>{text.digests_legend}</legend>
                        <label class="choice">
                            <input
                                type="checkbox"
                                name="daily"
                                node_ref=daily_input
                                aria-invalid=move || invalid(Field::Digests)
                                aria-describedby=both.1.clone()
                                bind:checked=daily
                            />
                            <span>{text.daily_digest}<span class="choice-hint">{text.daily_hint}</span></span>
                        </label>
                        <label class="choice">
                            <input
                                type="checkbox"
                                name="weekly"
                                aria-invalid=move || invalid(Field::Digests)
                                aria-describedby=both.1.clone()
                                bind:checked=weekly
                            />
                            <span>{text.weekly_digest}<span class="choice-hint">{text.weekly_hint}</span></span>
                        </label>
                        <p class="field-error" id=both.1.clone()>{move || error_text(Field::Digests)}</p>
                    </fieldset>
                    <div class="field">
                        <div class="choice">
                            <input
                                id=consent_id.clone()
                                type="checkbox"
                                name="consent"
                                node_ref=consent_input
                                aria-invalid=move || invalid(Field::Consent)
                                aria-describedby=consent_error.clone()
                                bind:checked=consent
                            />
                            <label for=consent_id.clone()>
                                {move || text.consent(daily.get(), weekly.get())}
                                <a href=text.edition.path(PRIVACY_HREF)>{text.privacy_notice_link}</a>
                                "."
                            </label>
                        </div>
                        <p class="field-error" id=consent_error.clone()>{move || error_text(Field::Consent)}</p>
                    </div>
                    <div class="newsletter-trap" aria-hidden="true">
                        <label for=trap_id.clone()>{text.honeypot_label}</label>
                        <input id=trap_id.clone() type="text" name="website" tabindex="-1" autocomplete="off" bind:value=trap />
                    </div>
                    <p class="newsletter-actions">
                        <button type="submit" class="button" disabled=move || sending() || !ready.get()>
                            {move || if sending() { text.subscribing } else { text.subscribe }}
                        </button>
                        <Show when=can_retry>
                            <button type="button" class="button button-quiet" on:click=move |_| submit()>
                                {text.retry}
                            </button>
                        </Show>
                    </p>
                </form>
            </Show>
            <p class="newsletter-status" class:newsletter-status-error=failed role="status">
                {move || status.get().words(text)}
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::{page_has_own_form, status_code, status_of_code, Status};
    use crate::error::ApiError;

    /// What a send settled as in the page's own module reads the same in
    /// the app, which takes the page over while it was on its way.
    #[test]
    fn a_settled_send_crosses_to_the_app_as_it_was() {
        let failed = |error| Status::Failed { error, retry_in: None };
        for status in [
            Status::Done { optin: true },
            Status::Done { optin: false },
            Status::Offline,
            failed(ApiError::NotFound),
            failed(ApiError::Server(503)),
            failed(ApiError::Network),
            failed(ApiError::Timeout),
            failed(ApiError::Malformed("expected value at line 1 column 1".into())),
            failed(ApiError::Refused("Invalid email: the domain has no mail server.".into())),
            failed(ApiError::Refused(String::new())),
            failed(ApiError::TooMany(Some(42))),
            failed(ApiError::TooMany(None)),
        ] {
            assert_eq!(status_of_code(&status_code(&status)), Some(status.clone()), "{}", status_code(&status));
        }
        // A retry time stays with the form that scheduled it.
        let retrying = Status::Failed { error: ApiError::Network, retry_in: Some(4) };
        assert_eq!(status_of_code(&status_code(&retrying)), Some(failed(ApiError::Network)));
        for other in ["", "done", "done maybe", "failed", "failed server x", "failed teapot", "sending"] {
            assert_eq!(status_of_code(other), None, "{other}");
        }
    }

    #[test]
    fn articles_and_the_newsletter_page_have_their_own_form() {
        assert!(page_has_own_form("/policy/qatar-rwanda-partnership"));
        assert!(page_has_own_form("/newsletter"));
        for path in ["/", "/policy", "/region/asia-pacific", "/tag/ai", "/author/amina-haddad", "/a/b/c", "/policy/"] {
            assert!(!page_has_own_form(path), "{path}");
        }
    }
}
