#!/usr/bin/env node
// Entry point of the `csep` command: loads the TypeScript sources through tsx so that the
// command line and the server run from one build without a compile step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
