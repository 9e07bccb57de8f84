import { formatNumber, type ReportSection, type Table } from './report';

/** How our run compares with a paper's claim. */
export type Verdict = 'reproduced' | 'partly reproduced' | 'not reproduced';

/** The comparisons a check can make. */
export type Comparison = '<' | '≤' | '>' | '≥';

/** A measured number: what it is, its value, and how it prints (the same format prints a threshold against it). */
export interface Measured {
  label: string;
  value: number;
  format?: (value: number) => string;
}

/**
 * One test of a claim against our numbers. Its text, threshold included, and its predicate are made
 * together by `check` from the same numbers, so what the report says is what was tested.
 */
export interface Check {
  /** What is tested, e.g. "NODE test accuracy < 98.0 %" or "ANODE NFE at the end < NODE NFE at the end". */
  text: string;
  /** Our numbers: "96.1 %", or "26 vs 32" against another measured number. */
  ours: string;
  /** The two numbers compared: the measured one, then the threshold (or the other measured one). */
  values: [number, number];
  holds: boolean;
}

/** One claim of a paper: its statement and where it is, and the checks our run makes of it (one concept each). */
export interface PaperClaim {
  /** The claim in the paper's words (short); the thresholds are in its checks' texts. */
  claim: string;
  /** Where: the paper's key and figure / section. */
  source: string;
  checks: Check[];
}

/** A claim with its verdict, as results.json stores it. */
export interface JudgedClaim extends PaperClaim {
  verdict: Verdict;
}

const holdsFor: Record<Comparison, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '≤': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '≥': (a, b) => a >= b,
};

/**
 * The check `subject op threshold`; the threshold is a number (printed with the subject's format) or
 * another measured number. A NaN on either side fails the check (a model that did not finish fits no claim).
 */
export function check(subject: Measured, op: Comparison, threshold: number | Measured): Check {
  const format = subject.format ?? formatNumber;
  const other = typeof threshold === 'number' ? undefined : threshold;
  const bound = other ? other.value : (threshold as number);
  return {
    text: `${subject.label} ${op} ${other ? other.label : format(bound)}`,
    ours: other ? `${format(subject.value)} vs ${(other.format ?? format)(other.value)}` : format(subject.value),
    values: [subject.value, bound],
    holds: holdsFor[op](subject.value, bound),
  };
}

/** A fraction as a percentage with one decimal: 0.9812 → "98.1 %". */
export const percent = (value: number): string => (Number.isFinite(value) ? `${(100 * value).toFixed(1)} %` : '–');

/** A growth factor: 1.734 → "×1.734". */
export const times = (value: number): string => `×${formatNumber(value)}`;

/** All checks hold → reproduced; some → partly; none → not. An empty list is a programming error. */
export function verdictOf(checks: readonly boolean[]): Verdict {
  if (checks.length === 0) throw new Error('verdictOf needs at least one check');
  const held = checks.filter(Boolean).length;
  if (held === checks.length) return 'reproduced';
  return held === 0 ? 'not reproduced' : 'partly reproduced';
}

/** The claim with the verdict its checks give. */
export function judge(claim: PaperClaim): JudgedClaim {
  return { ...claim, verdict: verdictOf(claim.checks.map((c) => c.holds)) };
}

/**
 * The claims as a table, one row per check: the claim, its source and verdict on its first row, then
 * each check (its threshold in its text), our numbers, and whether it holds.
 */
export function claimsTable(claims: readonly PaperClaim[]): Table {
  return {
    columns: ['paper claim', 'source', 'verdict', 'check', 'ours', 'holds'],
    rows: claims.map(judge).flatMap(({ claim, source, verdict, checks }) =>
      checks.map((c, i) => [i === 0 ? claim : '', i === 0 ? source : '', i === 0 ? `**${verdict}**` : '', c.text, c.ours, c.holds ? 'yes' : 'no'])),
  };
}

/** The report section "Paper vs ours", with one sentence counting the verdicts and the checks. */
export function claimsSection(claims: readonly PaperClaim[]): ReportSection {
  const judged = claims.map(judge);
  const count = (verdict: Verdict) => judged.filter((c) => c.verdict === verdict).length;
  const checks = claims.flatMap((c) => c.checks);
  return {
    heading: 'Paper vs ours',
    paragraphs: [
      `${count('reproduced')} of ${claims.length} claims reproduced, ${count('partly reproduced')} partly, ${count('not reproduced')} not ` +
        `(${checks.filter((c) => c.holds).length} of ${checks.length} checks hold).`,
    ],
    table: claimsTable(claims),
  };
}
