use std::rc::Rc;

use dispatch_model::{Article, Insights};
use futures::future::join;
use leptos::prelude::*;
use leptos_router::{
    hooks::{use_navigate, use_params_map},
    NavigateOptions,
};

use crate::{
    api,
    components::{
        article_body::ArticleBody, article_header::ArticleHeader, author_card::AuthorCard,
        edition_switch::edition_link, figure::Figure, insights::MoreInsights, later::Later, page_head::PageHead,
        related::StoryRail, share_links::ShareLinks, skeleton::Shape, tag_list::TagList,
    },
    newsletter::{NewsletterForm, Placement},
    routes::loader::{Load, Loader, PageData},
    share,
    text::{use_text, Text},
    SiteOrigin,
};

/// `/{section}/{slug}`: one article.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let address = Signal::derive(move || {
        params.with(|params| (params.get("section").unwrap_or_default(), params.get("slug").unwrap_or_default()))
    });
    // An article moved to another section, or a link with the wrong
    // section, still finds it: the address is corrected in place, so the
    // reader shares and bookmarks the canonical one.
    let moved = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(canonical) = moved.get() {
            navigate(&canonical, NavigateOptions { replace: true, ..Default::default() });
        }
    });
    view! { <ArticleLoader address=address moved=moved /> }
}

/// An article's load and render, with no router of its own: `address` is
/// the section and slug asked for (read at each load, which runs again
/// when they change); `moved` is set to the article's canonical path
/// within its edition (`/{section}/{slug}`) when the section asked for is
/// not the article's and the address is still the one asked for. What
/// [`ArticlePage`] renders at its route, and what the app renders out of
/// sight to rehearse it (`crate::boot`).
#[component]
pub fn ArticleLoader(address: Signal<(String, String)>, moved: RwSignal<Option<String>>) -> impl IntoView {
    let text = use_text();
    let edition = text.edition;
    let load: Load = Rc::new(move |freshness| {
        let (section, slug) = address.get();
        Box::pin(async move {
            // "More Insights" is a secondary rail: without it the article
            // still reads whole, so a failed load leaves it out.
            let (article, insights) =
                join(api::article(edition, slug.clone(), freshness), api::insights(edition)).await;
            let article = article?;
            // Only while the reader is still at the address this load was
            // for: a late answer for one they left corrects nothing.
            let here = address.try_get_untracked().is_some_and(|now| now == (section.clone(), slug));
            if section != article.section.slug && here {
                moved.try_set(Some(article.href()));
            }
            Ok(PageData::Article(Box::new(article), insights.ok()))
        })
    });
    view! { <Loader load=load loading=text.loading_article shape=Shape::Article /> }
}

#[component]
pub fn ArticleView(article: Article, insights: Option<Insights>) -> impl IntoView {
    let text = use_text();
    // In the edition: the router puts its prefix before a path it
    // navigates to, and the share link needs it whole.
    let canonical = article.href();
    let url = share::article_url(
        &use_context::<SiteOrigin>().map(|origin| origin.get_untracked()).unwrap_or_default(),
        &text.edition.path(&canonical),
    );
    let Article {
        headline,
        deck,
        section,
        tags,
        published,
        updated,
        reading_minutes,
        hero,
        authors,
        body,
        related,
        counterpart,
        ..
    } = article;
    // The same story in the other edition, in that edition's words.
    let counterpart = counterpart.map(|counterpart| {
        let label = Text::of(counterpart.edition).read_in_edition;
        let link = edition_link(counterpart.edition, counterpart.href, label, "");
        view! { <p class="article-counterpart" data-pagefind-ignore="">{link}</p> }
    });
    crate::focus::settle();
    let cards = authors.clone();
    let headline_for_share = headline.clone();
    view! {
        <PageHead title=headline.clone() description=deck.clone() />
        // The site search indexes the article's own words: its header,
        // hero caption, body and tags (the prerendered page's search tags
        // carry the rest, prerender/src/head.rs); not the share buttons'
        // labels nor the authors' biographies, which every article repeats.
        <article class="article" data-pagefind-body="">
            <ArticleHeader
                section=section
                headline=headline
                deck=deck
                reading_minutes=reading_minutes
                published=published
                updated=updated
                authors=authors
            />
            {counterpart}
            {hero.map(|image| view! { <Figure image=image hero=true /> })}
            <ArticleBody blocks=body />
            // Below the body, all of it is below the first screen.
            <Later>
                <TagList tags=tags />
                <ShareLinks headline=headline_for_share url=url attr:data-pagefind-ignore="" />
                <NewsletterForm placement=Placement::Article />
                <section class="about-authors" aria-label=text.about_the_author data-pagefind-ignore="">
                    <h2 class="rail-heading">{text.about_the_author}</h2>
                    {cards.into_iter().map(|author| view! { <AuthorCard author=author /> }).collect_view()}
                </section>
            </Later>
        </article>
        <Later>
            <StoryRail heading=text.you_may_also_like stories=related />
            {insights.map(|insights| view! { <MoreInsights insights=insights.items.into_iter().take(4).collect() /> })}
        </Later>
    }
}
