import type { Command } from '../command.ts';
import { classify } from './classify.ts';
import { convert } from './convert.ts';
import { exportCommand } from './export.ts';
import { stats } from './stats.ts';

/** Every `repvgg` subcommand, in the order `repvgg --help` lists them. Add new ones here. */
export const commands: readonly Command[] = [stats, exportCommand, convert, classify];
