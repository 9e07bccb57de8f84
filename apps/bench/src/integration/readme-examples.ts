// The examples of a package README: its ```ts blocks, each with the line it starts on and, when an
// HTML comment `<!-- example: skip (reason) -->` stands right before it, why it is not run, or with
// `<!-- example: needs <path> (reason) -->` a file it reads, without which it is not run; and the
// packages its `npm install` lines name.

export interface ReadmeExample {
  /** 1-based line of the opening fence. */
  line: number;
  code: string;
  /** Why the example is not run (a network, a large download), when it is marked so. */
  skip?: string;
  /** A file or folder the example reads (installed data), and why: where it is absent, the example is skipped. */
  needs?: { path: string; reason: string };
}

export interface Readme {
  examples: ReadmeExample[];
  /** The package specifiers of every `npm install` line, in order (`@tensorflow/tfjs-core@4.22.0`). */
  installs: string[];
  /** 1-based line of the first `npm install` line, or undefined. */
  firstInstallLine?: number;
}

const skipMarker = /^<!--\s*example:\s*skip\s*\((.+)\)\s*-->$/;
const needsMarker = /^<!--\s*example:\s*needs\s+(\S+)\s*\((.+)\)\s*-->$/;

export function parseReadme(text: string): Readme {
  const lines = text.split('\n');
  const examples: ReadmeExample[] = [];
  const installs: string[] = [];
  let firstInstallLine: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const fence = /^\s*```(\w*)\s*$/.exec(lines[i]!);
    if (!fence) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    if (fence[1] === 'ts') {
      let previous = start - 1;
      while (previous >= 0 && lines[previous]!.trim() === '') previous--;
      const marker = previous >= 0 ? lines[previous]!.trim() : '';
      const skip = skipMarker.exec(marker)?.[1];
      const needs = needsMarker.exec(marker);
      examples.push({
        line: start + 1,
        code: body.join('\n') + '\n',
        ...(skip ? { skip } : {}),
        ...(needs ? { needs: { path: needs[1]!, reason: needs[2]! } } : {}),
      });
    } else if (fence[1] === 'sh') {
      body.forEach((command, k) => {
        const install = /^\s*npm install\s+(.+)$/.exec(command);
        if (!install) return;
        firstInstallLine ??= start + 2 + k;
        installs.push(...install[1]!.replace(/#.*/, '').trim().split(/\s+/));
      });
    }
  }
  return { examples, installs, ...(firstInstallLine === undefined ? {} : { firstInstallLine }) };
}

/** The package a specifier names: `@scope/name` or `name`, without a version or subpath. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]!.replace(/@.*/, '')}` : parts[0]!.replace(/@.*/, '');
}

/** The packages an example imports (static imports, side-effect imports, dynamic imports), Node's built-ins left out. */
export function importedPackages(code: string): string[] {
  const specifiers = [...code.matchAll(/(?:from\s+|import\s*\(?\s*)['"]([^'".][^'"]*)['"]/g)].map((m) => m[1]!);
  return [...new Set(specifiers.filter((s) => !s.startsWith('node:')).map(packageOf))];
}
