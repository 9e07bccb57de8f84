import type { ReportSection } from './report';

/**
 * The "Stopped early" section: which models stopped training, where and why (TrainingStopped's
 * record), and what that meant for them (`consequence`, e.g. "it was not tested"); none when every
 * model trained to the end.
 */
export function stoppedSection(models: ReadonlyArray<{ model: string; stopped?: string }>, consequence: string): ReportSection[] {
  const notes = models.filter((m) => m.stopped !== undefined).map((m) => `${m.model} stopped training at ${m.stopped}; ${consequence}.`);
  return notes.length > 0 ? [{ heading: 'Stopped early', paragraphs: notes }] : [];
}
