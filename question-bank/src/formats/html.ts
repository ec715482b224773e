// Question text from Moodle arrives as HTML written by anyone. We keep plain text and at most
// one image: everything goes through sanitize-html first, so scripts, event handlers, styles
// and frames never reach our stems, not even as text.
import sanitizeHtml from 'sanitize-html';

export interface HtmlText {
  text: string;
  image?: { image: string; alt: string };
}

const FALLBACK_ALT = '题目配图';
const MAX_SRC = 500;
const MAX_ALT = 300;
const BLOCK_TAGS = ['p', 'br', 'div', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

const SAFE: sanitizeHtml.IOptions = {
  allowedTags: ['img', ...BLOCK_TAGS],
  allowedAttributes: { img: ['src', 'alt'] },
  // No data: URIs: an embedded image would not fit our 500-character media.image anyway.
  allowedSchemes: ['http', 'https'],
  // Their content is code or fallback markup, never question text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template', 'title', 'svg', 'math'],
};

export function htmlToText(html: string): HtmlText {
  const clean = sanitizeHtml(html, SAFE);
  let image: HtmlText['image'];
  const img = /<img\b([^>]*)>/i.exec(clean);
  if (img) {
    const src = attribute(img[1], 'src');
    // Moodle's @@PLUGINFILE@@ and other relative names point into a file we do not have.
    if (/^(https?:\/\/|\/)/i.test(src) && src.length <= MAX_SRC) image = { image: src, alt: (attribute(img[1], 'alt') || FALLBACK_ALT).slice(0, MAX_ALT) };
  }
  const text = clean
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6])>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0*39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
  return { text, image };
}

function attribute(attrs: string, name: string): string {
  const match = new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(attrs);
  return match ? unescapeAttribute(match[1]).trim() : '';
}

function unescapeAttribute(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Plain text (and an image) as the HTML a Moodle question text holds. */
export function textToHtml(text: string, image?: { image: string; alt: string }): string {
  const body = `<p>${escapeHtml(text).replace(/\n/g, '<br>')}</p>`;
  return image ? `${body}<p><img src="${escapeHtml(image.image)}" alt="${escapeHtml(image.alt)}"></p>` : body;
}
