import { describe, expect, it } from 'vitest';
import { benchCommands } from '../cli/command-registry';
import { paperItems } from './paper-items';

describe('paperItems', () => {
  it('names every item once', () => {
    const names = paperItems.map((p) => p.item);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });

  it('says why exactly when no experiment covers an item', () => {
    expect(paperItems.filter((p) => (p.experiments.length === 0) !== (p.notAttempted !== undefined)).map((p) => p.item)).toEqual([]);
  });

  it('names only commands of the CLI', () => {
    const commands = new Set(benchCommands.map((c) => c.name));
    expect(paperItems.flatMap((p) => p.experiments).filter((name) => !commands.has(name))).toEqual([]);
  });

  it('starts every item with a paper\'s key', () => {
    const keys = ['N-CODE ', 'Dissecting ', 'NANODE ', 'ANODE slides '];
    expect(paperItems.filter((p) => !keys.some((key) => p.item.startsWith(key))).map((p) => p.item)).toEqual([]);
  });
});
