import { cellText, type Block, type ReportDocument } from './report-blocks';

/**
 * Escapes text so Markdown shows it as written: no emphasis, links, HTML
 * or headings can come from what someone typed into an incident.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>#|~]/g, (char) => `\\${char}`)
    .replace(/^(\s*)([-+=])/gm, '$1\\$2')
    .replace(/^(\s*\d+)\./gm, '$1\\.');
}

/** A table cell holds one line; line breaks become `<br>`. */
function cellMarkdown(text: string): string {
  return escapeMarkdown(text).replace(/\r?\n/g, '<br>');
}

function paragraphMarkdown(text: string): string {
  return escapeMarkdown(text).replace(/\r?\n/g, '  \n');
}

function tableMarkdown(block: Extract<Block, { type: 'table' }>): string {
  if (block.rows.length === 0) return `_${escapeMarkdown(block.empty)}_`;
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(block.head.map(cellMarkdown)),
    line(block.head.map(() => '---')),
    ...block.rows.map((row) =>
      line(row.map((cell) => cellMarkdown(cellText(cell)))),
    ),
  ].join('\n');
}

function blockMarkdown(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return paragraphMarkdown(block.text);
    case 'heading':
      return `### ${escapeMarkdown(block.text)}`;
    case 'fields':
      return block.rows
        .map(
          ([label, value]) =>
            `- **${escapeMarkdown(label)}:** ${cellMarkdown(value)}`,
        )
        .join('\n');
    case 'list':
      if (block.items.length === 0) return `_${escapeMarkdown(block.empty)}_`;
      return block.items.map((item) => `- ${cellMarkdown(item)}`).join('\n');
    case 'table':
      return tableMarkdown(block);
  }
}

export function renderMarkdown(document: ReportDocument): string {
  const parts = [
    `# ${escapeMarkdown(document.title)}`,
    `_${escapeMarkdown(document.subtitle)}_`,
    ...document.sections.flatMap((section) => [
      `## ${escapeMarkdown(section.title)}`,
      ...section.blocks.map(blockMarkdown),
    ]),
  ];
  return `${parts.join('\n\n')}\n`;
}
