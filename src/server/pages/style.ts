/**
 * The one stylesheet, served from /assets/style.css (the CSP allows styles from this origin only, no inline
 * style). Highlight colours: reused text yellow, quotes blue, entities underlined, the cited passage orange.
 */
export const STYLESHEET = `:root{--ink:#1b1b1b;--muted:#5c5c5c;--line:#ddd;--soft:#f6f6f3}
*{box-sizing:border-box}
body{font:16px/1.5 system-ui,sans-serif;color:var(--ink);margin:0;background:#fff}
header.top{display:flex;gap:1rem;align-items:center;flex-wrap:wrap;padding:.6rem 1rem;border-bottom:1px solid var(--line);background:var(--soft)}
header.top a.home{font-weight:700;color:var(--ink);text-decoration:none}
main{max-width:76rem;margin:1rem auto 3rem;padding:0 1rem}
h1{font-size:1.55rem;line-height:1.25;margin:.5rem 0}h2{font-size:1.15rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line)}
h3{font-size:1rem;margin:1rem 0 .3rem}
a{color:#1a4fa0}.muted{color:var(--muted)}small{color:var(--muted)}
form.inline{display:flex;gap:.4rem;flex-wrap:wrap}form.inline input[type=search],form.inline input[type=text]{flex:1;min-width:14rem;padding:.35rem .5rem;font:inherit}
button{font:inherit;padding:.3rem .8rem}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
th{font-weight:600;background:var(--soft)}
ul.stories{list-style:none;padding:0}ul.stories li{padding:.7rem 0;border-bottom:1px solid var(--line)}
ul.stories a.title{font-weight:600;font-size:1.05rem}
.badge{display:inline-block;border-radius:.3rem;padding:0 .45rem;font-size:.8rem;background:#eee;margin-right:.25rem;white-space:nowrap}
.corroborated,.badge.sources{background:#d8f3dc}.single-source{background:#fff3bf}.disputed,.badge.conflict{background:#ffd6d6}
.agree{background:#d8f3dc}.disagree{background:#ffd6d6}.discuss{background:#e7f0ff}.unrelated{background:#eee}
a.cite{font-size:.75rem;vertical-align:super;text-decoration:none;padding:0 .1rem}
.columns{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:.8rem}
.card{border:1px solid var(--line);border-radius:.4rem;padding:.6rem .8rem;background:#fff;overflow-wrap:anywhere}
td{overflow-wrap:break-word}
blockquote{margin:.3rem 0;padding-left:.8rem;border-left:3px solid #a5c8ff}
.text{white-space:pre-wrap;max-width:48rem;font-size:1.02rem;line-height:1.65}
.reused{background:#fff3bf}.shared-quote{background:#e7f0ff}.quote{box-shadow:inset 0 -2px #4d8fe8}
.entity{text-decoration:underline dotted #6b6b6b}
mark.cited{background:#ffc078;outline:2px solid #e8590c;scroll-margin-top:6rem}
.legend span{margin-right:.8rem;padding:0 .3rem}
details{margin:.4rem 0}summary{cursor:pointer}pre{white-space:pre-wrap}
nav.pages{display:flex;gap:1rem;margin:1rem 0}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.meta dt{font-weight:600}dl.meta dd{margin:0}
`

/** The site icon: two overlapping circles, sources that meet (served at /assets/icon.svg and /favicon.ico). */
export const ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="12" cy="16" r="9" fill="none" stroke="#1b1b1b" stroke-width="3"/><circle cx="20" cy="16" r="9" fill="none" stroke="#b3541e" stroke-width="3"/></svg>'
