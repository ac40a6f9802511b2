import {
  cellText,
  cellTone,
  type Block,
  type Cell,
  type ReportDocument,
} from './report-blocks';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Every piece of text goes through here: nothing typed becomes markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

function textHtml(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}

/**
 * Inline, so the file stands alone: no fonts, images or scripts are
 * fetched, and it prints (or saves as PDF) the same anywhere.
 */
const STYLE = `
  :root { color-scheme: light; }
  body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif;
    color: #1b1f24; background: #fff; margin: 2rem auto; max-width: 72rem;
    padding: 0 1.5rem; }
  h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
  h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; padding-bottom: .2rem;
    border-bottom: 2px solid #d0d7de; }
  h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
  .subtitle { color: #57606a; margin: 0 0 1.5rem; }
  table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem;
    font-size: 13px; }
  th, td { border: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left;
    vertical-align: top; overflow-wrap: anywhere; }
  th { background: #f3f5f7; }
  table.timed td:first-child { white-space: nowrap; }
  dl { display: grid; grid-template-columns: max-content 1fr;
    gap: .2rem 1rem; margin: .4rem 0 1rem; }
  dt { font-weight: 600; }
  dd { margin: 0; overflow-wrap: anywhere; }
  .empty { color: #57606a; font-style: italic; }
  .good { color: #116329; font-weight: 600; }
  .bad { color: #a40e26; font-weight: 600; }
  @media print { body { margin: 0; max-width: none; }
    h2 { break-after: avoid; } tr { break-inside: avoid; } }
`;

function cellHtml(cell: Cell): string {
  const tone = cellTone(cell);
  const cls = tone === 'plain' ? '' : ` class="${tone}"`;
  return `<td${cls}>${textHtml(cellText(cell))}</td>`;
}

function tableHtml(block: Extract<Block, { type: 'table' }>): string {
  if (block.rows.length === 0) {
    return `<p class="empty">${textHtml(block.empty)}</p>`;
  }
  const head = block.head.map((label) => `<th>${textHtml(label)}</th>`);
  const rows = block.rows.map(
    (row) => `<tr>${row.map(cellHtml).join('')}</tr>`,
  );
  // Tables led by a time keep it on one line, so times line up.
  const timed = block.head[0]?.startsWith('When') ? ' class="timed"' : '';
  return (
    `<table${timed}><thead><tr>${head.join('')}</tr></thead>` +
    `<tbody>${rows.join('\n')}</tbody></table>`
  );
}

function blockHtml(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${textHtml(block.text)}</p>`;
    case 'heading':
      return `<h3>${textHtml(block.text)}</h3>`;
    case 'fields':
      return `<dl>${block.rows
        .map(
          ([label, value]) =>
            `<dt>${textHtml(label)}</dt><dd>${textHtml(value)}</dd>`,
        )
        .join('')}</dl>`;
    case 'list':
      if (block.items.length === 0) {
        return `<p class="empty">${textHtml(block.empty)}</p>`;
      }
      return `<ul>${block.items.map((item) => `<li>${textHtml(item)}</li>`).join('')}</ul>`;
    case 'table':
      return tableHtml(block);
  }
}

/** A complete HTML document with its style inline and nothing to fetch. */
export function renderHtml(document: ReportDocument): string {
  const sections = document.sections.map(
    (section) =>
      `<section id="${escapeHtml(section.id)}">\n` +
      `<h2>${textHtml(section.title)}</h2>\n` +
      `${section.blocks.map(blockHtml).join('\n')}\n</section>`,
  );
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta http-equiv="Content-Security-Policy" ' +
      "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${textHtml(document.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${textHtml(document.title)}</h1>`,
    `<p class="subtitle">${textHtml(document.subtitle)}</p>`,
    ...sections,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
