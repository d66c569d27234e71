#!/usr/bin/env -S node --max-semi-space-size=4 --max-old-space-size=256
// The CLI runs the TypeScript sources directly (through tsx), so `npx parity` works right
// after `npm install` with no build step, and uses exactly the code the server is built from.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
