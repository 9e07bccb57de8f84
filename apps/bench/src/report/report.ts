/** A table: column headers, and rows of cells already formatted or numbers to format. */
export interface Table {
  columns: string[];
  rows: Array<Array<string | number>>;
  /** Columns (by index) to right-align; numbers are right-aligned by default. */
  align?: Array<'left' | 'right'>;
}

/** One section of a Markdown report: a heading, then paragraphs, a table and images, in that order. */
export interface ReportSection {
  heading: string;
  paragraphs?: string[];
  table?: Table;
  /** Image files relative to the report, with their alt text. */
  images?: Array<{ path: string; alt: string }>;
}

export interface Report {
  title: string;
  /** Paragraphs under the title (what was run, how to read it). */
  summary: string[];
  sections: ReportSection[];
}

/**
 * Formats a number for a table: integers as they are, other magnitudes in [1e-3, 1e5) with 4
 * significant digits, the rest in exponent notation (errors span many decades); NaN as "–".
 */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude === 0) return '0';
  if (magnitude >= 1e-3 && magnitude < 1e5) return String(Number(value.toPrecision(4)));
  return value.toExponential(2);
}

function escapeCell(cell: string): string {
  return cell.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A GitHub-flavoured Markdown table with padded columns, readable in a terminal as well. */
export function markdownTable(table: Table): string {
  const { columns, rows } = table;
  for (const [index, row] of rows.entries()) {
    if (row.length !== columns.length) {
      throw new Error(`table row ${index} has ${row.length} cells but there are ${columns.length} columns`);
    }
  }
  const cells = rows.map((row) => row.map((cell) => escapeCell(typeof cell === 'number' ? formatNumber(cell) : cell)));
  const align = columns.map(
    (_, column) => table.align?.[column] ?? (rows.length > 0 && rows.every((row) => typeof row[column] === 'number') ? 'right' : 'left'),
  );
  const header = columns.map(escapeCell);
  const widths = header.map((title, column) => Math.max(3, title.length, ...cells.map((row) => row[column].length)));
  const pad = (text: string, column: number) =>
    align[column] === 'right' ? text.padStart(widths[column]) : text.padEnd(widths[column]);
  const line = (row: string[]) => `| ${row.map(pad).join(' | ')} |`;
  const rule = `| ${widths.map((width, column) => (align[column] === 'right' ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width))).join(' | ')} |`;
  return [line(header), rule, ...cells.map(line)].join('\n');
}

/** One section as Markdown: heading, paragraphs, table, images, separated by blank lines. */
export function renderSection(section: ReportSection): string {
  return [
    `## ${section.heading}`,
    ...(section.paragraphs ?? []),
    ...(section.table ? [markdownTable(section.table)] : []),
    ...(section.images ?? []).map((image) => `![${image.alt}](${image.path})`),
  ].join('\n\n');
}

/** The whole report as Markdown. */
export function renderReport(report: Report): string {
  return `${[`# ${report.title}`, ...report.summary, ...report.sections.map(renderSection)].join('\n\n')}\n`;
}
