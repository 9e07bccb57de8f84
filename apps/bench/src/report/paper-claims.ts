import type { ReportSection, Table } from './report';

/** How our run compares with a paper's claim. */
export type Verdict = 'reproduced' | 'partly reproduced' | 'not reproduced';

/** One claim of a paper beside what our run measured. */
export interface PaperClaim {
  /** The claim in the paper's words (short). */
  claim: string;
  /** Where: paper file and figure / section. */
  source: string;
  /** Our numbers, as text. */
  ours: string;
  verdict: Verdict;
}

/** All checks hold → reproduced; some → partly; none → not. An empty list is a programming error. */
export function verdictOf(checks: readonly boolean[]): Verdict {
  if (checks.length === 0) throw new Error('verdictOf needs at least one check');
  const held = checks.filter(Boolean).length;
  if (held === checks.length) return 'reproduced';
  return held === 0 ? 'not reproduced' : 'partly reproduced';
}

/** The claims as a table: claim, source, our numbers, verdict. */
export function claimsTable(claims: readonly PaperClaim[]): Table {
  return {
    columns: ['paper claim', 'source', 'ours', 'verdict'],
    rows: claims.map(({ claim, source, ours, verdict }) => [claim, source, ours, `**${verdict}**`]),
  };
}

/** The report section "Paper vs ours", with one sentence counting the verdicts. */
export function claimsSection(claims: readonly PaperClaim[]): ReportSection {
  const count = (verdict: Verdict) => claims.filter((c) => c.verdict === verdict).length;
  return {
    heading: 'Paper vs ours',
    paragraphs: [
      `${count('reproduced')} of ${claims.length} claims reproduced, ${count('partly reproduced')} partly, ${count('not reproduced')} not.`,
    ],
    table: claimsTable(claims),
  };
}
