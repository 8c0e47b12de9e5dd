// Objects as diff-friendly text: keys sorted, two-space indentation, one value per line — the shape kubectl and
// diff tools make easy to compare — plus a line diff between two versions of an object.

import { h } from './dom.js';

export function stableJson(value) {
  return JSON.stringify(sortKeys(value), null, 2);
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]));
  }
  return value;
}

/** A <details> block with the pretty-printed object and a copy button. */
export function jsonBlock(title, value, { open = false, id } = {}) {
  const text = stableJson(value);
  const pre = h('pre', { class: 'json', tabindex: '0', 'aria-label': title, id }, text);
  const copied = h('span', { class: 'muted small', role: 'status' });
  const copy = h('button', {
    type: 'button',
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(text);
        copied.textContent = 'Copied.';
      } catch {
        copied.textContent = 'Copying is not allowed here; select the text instead.';
      }
    },
  }, 'Copy JSON');
  return h('details', { open }, h('summary', {}, title), h('div', { class: 'json-tools' }, copy, copied), pre);
}

const MAX_DIFF_LINES = 3000;

/** Lines of `before` and `after` marked as kept (' '), removed ('-') or added ('+'), by longest common subsequence. */
export function lineDiff(before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length > MAX_DIFF_LINES || b.length > MAX_DIFF_LINES) return null;
  const lengths = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const lines = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      lines.push([' ', a[i]]);
      i++;
      j++;
    } else if (lengths[i + 1][j] >= lengths[i][j + 1]) {
      lines.push(['-', a[i++]]);
    } else {
      lines.push(['+', b[j++]]);
    }
  }
  while (i < a.length) lines.push(['-', a[i++]]);
  while (j < b.length) lines.push(['+', b[j++]]);
  return lines;
}

/** The changed lines of a diff with a few lines of context, as a <pre>. */
export function diffBlock(title, before, after) {
  const lines = lineDiff(stableJson(before), stableJson(after));
  if (!lines) return null;
  const changed = lines.map(([mark]) => mark !== ' ');
  if (!changed.includes(true)) return null;
  const context = 3;
  const pre = h('pre', { class: 'json', tabindex: '0', 'aria-label': title });
  let skipped = false;
  lines.forEach(([mark, text], index) => {
    const near = changed.slice(Math.max(0, index - context), index + context + 1).includes(true);
    if (!near) {
      if (!skipped) pre.append(h('span', { class: 'diff-line muted' }, '  …'));
      skipped = true;
      return;
    }
    skipped = false;
    const className = mark === '+' ? 'diff-add' : mark === '-' ? 'diff-del' : 'diff-keep';
    pre.append(h('span', { class: `diff-line ${className}` }, `${mark} ${text}`));
  });
  return h('details', { open: true }, h('summary', {}, title), pre);
}
