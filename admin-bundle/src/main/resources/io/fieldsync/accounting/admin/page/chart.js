// Documents synced and failed per day as inline SVG bars: no library, nothing fetched but the API's counts.
const SVG = 'http://www.w3.org/2000/svg';

function node(name, attributes, text) {
  const element = document.createElementNS(SVG, name);
  Object.entries(attributes).forEach(([key, value]) => element.setAttribute(key, value));
  if (text !== undefined) {
    element.textContent = text;
  }
  return element;
}

/** days: [{day: 'YYYY-MM-DD', synced: n, failed: n}], oldest first. */
export function dailyChart(days) {
  const width = 520, height = 150, bottom = 20, top = 12, slot = width / days.length;
  const highest = Math.max(1, ...days.map(d => Math.max(d.synced, d.failed)));
  const scale = (height - bottom - top) / highest;
  const total = days.reduce((sum, d) => ({ synced: sum.synced + d.synced, failed: sum.failed + d.failed }), { synced: 0, failed: 0 });
  const svg = node('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': 'chart-title chart-desc' });
  svg.append(node('title', { id: 'chart-title' }, 'Documents synced and failed per day'));
  svg.append(node('desc', { id: 'chart-desc' },
    `${total.synced} synced and ${total.failed} failed from ${days[0].day} to ${days[days.length - 1].day}`));
  days.forEach((d, i) => {
    const x = i * slot + slot * 0.15, bar = slot * 0.33;
    [['synced', d.synced, x], ['failed', d.failed, x + bar]].forEach(([kind, count, left]) => {
      const h = count * scale;
      const rect = node('rect', { class: kind, x: left.toFixed(1), y: (height - bottom - h).toFixed(1),
        width: bar.toFixed(1), height: h.toFixed(1), 'data-day': d.day, 'data-count': count });
      rect.append(node('title', {}, `${d.day}: ${count} ${kind}`));
      svg.append(rect);
    });
    if ((days.length - 1 - i) % 2 === 0 || days.length <= 7) {
      svg.append(node('text', { x: (i * slot + slot / 2).toFixed(1), y: height - 6, 'text-anchor': 'middle' }, d.day.slice(5)));
    }
  });
  svg.append(node('text', { x: 2, y: 10 }, `max ${highest} a day · green synced, red failed`));
  return svg;
}
