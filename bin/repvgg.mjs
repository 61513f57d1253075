#!/usr/bin/env node
// The `repvgg` command. The CLI is TypeScript (src/cli/main.ts); tsx's loader runs it directly,
// so there is no build step between editing src/ and running the command.
import { register } from 'tsx/esm/api';

// Piping into `head` closes stdout early; that is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
