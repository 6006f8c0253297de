const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

// C0 and C1 control characters but tab and line feed: terminal escape sequences (ESC, BEL, CSI) and bytes
// that are no text in any output. A report printed to a terminal (`analyze --format md` without --out) must
// not carry them, and in HTML they are parse errors.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g

// One pass: the characters HTML_ESCAPES names and those of CONTROL.
// eslint-disable-next-line no-control-regex
const HTML_SPECIAL = /[&<>"'\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g

/**
 * Escapes text for HTML content and attribute values, dropping control characters (CONTROL). Article text is
 * hostile: everything goes through here.
 */
export function escapeHtml(text: string): string {
  return text.replace(HTML_SPECIAL, (char) => HTML_ESCAPES[char] ?? '')
}

/**
 * Escapes Markdown control characters so that article text renders as text: control characters are dropped
 * (CONTROL), line breaks become spaces (a line break could start a heading, a list or an HTML block), every
 * character that can open markup, a link, an image, HTML, an entity or a table cell anywhere in a line is
 * backslash-escaped, and a list marker only where the text starts (it follows "- " or "# "). Hyphens, dots and
 * parentheses inside a sentence mean nothing there and stay as written, so the raw file reads as the text
 * ("Kim Jong-un", "2024-02-20", not "Kim Jong\-un").
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(CONTROL, '')
    .replace(/[\\`*_[\]#|<>~&]/g, '\\$&')
    .replace(/^(\s*)([-+])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2')
}

/**
 * Hostile text as a Markdown code span that nothing can close early: the fence is longer than any run of
 * backticks inside, line breaks become spaces, and a pipe is escaped (GFM splits table cells on it first).
 */
export function markdownCode(text: string): string {
  const flat = text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(CONTROL, '')
    .replace(/\|/g, '\\|')
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${flat}${pad}${fence}`
}

/** Removes terminal control sequences from text printed to a terminal. */
export function stripControl(text: string): string {
  return text.replace(CONTROL, '')
}
