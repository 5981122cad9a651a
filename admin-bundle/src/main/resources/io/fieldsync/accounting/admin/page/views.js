// Small DOM helpers: every value from the API goes in as text, never as HTML.
export function el(name, attributes = {}, ...children) {
  const element = document.createElement(name);
  Object.entries(attributes).forEach(([key, value]) => {
    if (value === undefined || value === null || value === false) {
      return;
    }
    if (key === 'class') {
      element.className = value;
    } else if (key.startsWith('on')) {
      element.addEventListener(key.slice(2), value);
    } else {
      element.setAttribute(key, value === true ? '' : value);
    }
  });
  children.flat().forEach(child => element.append(child instanceof Node ? child : String(child ?? '')));
  return element;
}

export function $(id) {
  return document.getElementById(id);
}

const STATUS_LABELS = {
  NOT_ATTEMPTED: 'Not attempted', PENDING: 'Pending', SENDING: 'Pending', SYNCED: 'Synced', FAILED: 'Failed',
  OUTCOME_UNKNOWN: 'Outcome unknown', DISCONNECTED: 'Disconnected', UNSUPPORTED: 'Unsupported'
};

export function chip(status) {
  return el('span', { class: `chip chip-${status.toLowerCase()}`, 'data-status': status }, STATUS_LABELS[status] || status);
}

export function when(instant) {
  if (!instant) {
    return '—';
  }
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A select with an empty "not mapped" choice; a mapped value the accounting system lacks stays visible and marked. */
export function choice(id, label, options, selected) {
  const select = el('select', { id, 'aria-label': label });
  select.append(el('option', { value: '' }, '— not mapped —'));
  options.forEach(option => select.append(el('option', { value: option.value }, option.text)));
  if (selected && !options.some(option => option.value === selected)) {
    select.append(el('option', { value: selected }, `${selected} (not in the accounting system)`));
  }
  select.value = selected || '';
  return select;
}

export function replaceRows(table, rows) {
  const body = table.tBodies[0];
  body.replaceChildren(...rows);
}
