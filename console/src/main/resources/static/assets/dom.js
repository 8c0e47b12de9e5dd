// Builds DOM from data without innerHTML: audit data is attacker-controlled (user agents, object names), so every
// value becomes a text node.

/** h('a', {href: '/x', class: 'y', onclick: fn}, 'text', child…) */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value == null || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(element, children) {
  for (const child of [children].flat(Infinity)) {
    if (child == null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** A <dl> from [term, description] pairs; pairs whose description is empty are left out. */
export function facts(pairs) {
  const list = h('dl', { class: 'facts' });
  for (const [term, description] of pairs) {
    if (description == null || description === '' || (Array.isArray(description) && description.length === 0)) continue;
    list.append(h('dt', {}, term), h('dd', {}, description));
  }
  return list;
}

export function tags(values) {
  const list = [values].flat().filter((value) => value != null && value !== '');
  return list.length === 0 ? null : h('span', { class: 'tags' }, list.map((value) => h('span', { class: 'tag' }, value)));
}

/** Says something to screen-reader users without moving focus. */
export function announce(text) {
  const region = document.getElementById('announcer');
  if (region) region.textContent = text;
}
