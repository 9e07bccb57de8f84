#!/usr/bin/env node
// Every published package's `prepack`: copies the repository's one LICENSE into the package being packed
// (the working directory), so each tarball carries it. The copies are build output, ignored by git.
import { copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

copyFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'LICENSE'), join(process.cwd(), 'LICENSE'));
