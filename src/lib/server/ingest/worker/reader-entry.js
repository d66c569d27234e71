// Worker-thread entry for the reading half of an import. Workers do not inherit the
// TypeScript loader of the thread that starts them, so this plain-JS file registers tsx
// before loading the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./reader.ts', import.meta.url).href);
