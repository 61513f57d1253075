import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type Command, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type Io, type ParsedArgs, UsageError } from './command.ts';
import { commands } from './commands/index.ts';

/** The `repvgg` command line: `repvgg <command> [options]`. Returns the exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? rest[0] : undefined;
    const command = topic === undefined ? undefined : findCommand(topic);
    if (topic !== undefined && !command) return usageError(io, `unknown command "${topic}"`);
    io.out(command ? commandHelp(command) : overview());
    return first === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (first === '--version' || first === '-v') {
    io.out(`${version()}\n`);
    return EXIT_OK;
  }
  const command = findCommand(first);
  if (!command) return usageError(io, `unknown command "${first}"`);

  let parsed: ParsedArgs;
  try {
    parsed = parseArgs({
      args: [...rest],
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // node:util throws TypeErrors with codes like ERR_PARSE_ARGS_UNKNOWN_OPTION for bad input.
    return usageError(io, (error as Error).message, command);
  }
  if (parsed.values['help']) {
    io.out(commandHelp(command));
    return EXIT_OK;
  }
  try {
    return await command.run({ positionals: parsed.positionals, values: parsed.values }, io);
  } catch (error) {
    if (error instanceof UsageError) return usageError(io, error.message, command);
    io.err(`repvgg ${command.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  }
}

const processIo: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

function findCommand(name: string): Command | undefined {
  return commands.find((c) => c.name === name);
}

function usageError(io: Io, message: string, command?: Command): number {
  io.err(`repvgg: ${message}\n`);
  io.err(command ? `usage: repvgg ${command.usage}\n` : 'Run "repvgg --help" for the list of commands.\n');
  return EXIT_USAGE;
}

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'repvgg: RepVGG structural re-parameterization, computed exactly (RepVGG Notebook)',
    '',
    'Usage: repvgg <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "repvgg <command> --help" for a command\'s options.',
    'Exit codes: 0 success, 1 failure, 2 bad arguments.',
    '',
  ].join('\n');
}

function commandHelp(command: Command): string {
  return `Usage: repvgg ${command.usage}\n\n${command.summary}\n\n${command.description}\n`;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}
