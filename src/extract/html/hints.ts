/**
 * Class/id hints and tag sets for HTML extraction, as data. Calibrated on the dev half of the ScrapingHub
 * article-extraction benchmark and checked against the conventions Readability and trafilatura document.
 */

/** Elements that never hold article text. */
export const DROP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'canvas',
  'iframe',
  'object',
  'embed',
  'form',
  'button',
  'input',
  'select',
  'textarea',
  'nav',
  'aside',
  'footer',
  'figcaption',
  'head',
  'link',
  'meta',
  'dialog',
  'menu',
])

/**
 * What the last attempt of the cascade still drops: some templates put the whole story inside an <aside>
 * or a <footer> (a "direct content" box), and a page whose text a reader can see must not come out empty.
 */
export const RELAXED_DROP_TAGS = new Set(
  [...DROP_TAGS].filter((tag) => !['aside', 'footer', 'nav', 'menu', 'dialog'].includes(tag)),
)

/** Class or id words of blocks that are not the story (as whole words of a class/id, split on - and _). */
export const NEGATIVE_HINT =
  /(^|[\s_-])(comments?|commenting|disqus|share|sharing|sharebar|social|related|recommend(ed|ations?)?|read-?more|more-stories|newsletter|subscribe|subscription|signup|promo|promotion|advert(isement)?|ads?|adslot|ad-container|sponsor(ed)?|sidebar|widget|footer|nav|navbar|navigation|menu|breadcrumbs?|cookie|consent|popup|modal|overlay|banner|masthead|author-?bio|tags?|tag-?list|keywords|caption|credits?|paywall|outbrain|taboola|toolbar|skip-link|visually-hidden|sr-only|print-only|most-popular|trending|login|rating|byline|dateline|timestamp|kicker)($|[\s_-])/i

/** Class or id words of the story container. */
export const POSITIVE_HINT =
  /(^|[\s_-])(article|articlebody|article-body|story|story-body|post|post-content|entry|entry-content|content|main|body|text|blog|prose|rich-text)($|[\s_-])/i

/** Elements whose text forms one block of the output. */
export const BLOCK_TAGS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'blockquote',
  'pre',
  'div',
  'section',
  'article',
  'td',
  'th',
  'dd',
  'dt',
  'ul',
  'ol',
  'table',
  'tr',
  'main',
  'header',
  'figure',
  'address',
  'center',
  'dl',
  'hr',
  'br',
])

export const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'])

/** Elements whose text is scored as a paragraph of content (Readability's DEFAULT_TAGS_TO_SCORE). */
export const SCORED_TAGS = new Set([
  'p',
  'pre',
  'td',
  'blockquote',
  'section',
  'h2',
  'h3',
  'h4',
  'li',
  'div',
])
