/**
 * A student's progress on one lab, as plain data: what they typed, clicked or wrote for each
 * exercise. Numeric answers and puzzles are judged again from the saved response every time
 * (a saved "solved" flag is never trusted for them); code exercises keep the result of their last
 * run, since judging them again means running the code. The exported file is this, plus the
 * session and a format tag, and an import is validated field by field.
 */
import { judgeNumeric, judgePuzzle } from './answers.ts';
import { type Exercise, LAB_EXERCISES, exerciseById } from './catalog.ts';
import { type LabSession, normalizeSeed, normalizeStudent } from './session.ts';

export interface ExerciseRecord {
  /** Numeric: the text typed. */
  readonly response?: string;
  /** Kernel puzzle: row-major indices of the cells switched on. */
  readonly cells?: readonly number[];
  /** Code: the source in the editor. */
  readonly code?: string;
  /** Code: the last run passed every case. */
  readonly passed?: boolean;
  /** "Show the answer" was used: the exercise no longer counts as solved. */
  readonly revealed?: boolean;
}

export type LabProgress = Readonly<Record<string, ExerciseRecord>>;

export const PROGRESS_FORMAT = 'repvgg-notebook-lab-progress';
export const PROGRESS_FORMAT_VERSION = 1;
const MAX_CODE_LENGTH = 20_000;
const MAX_RESPONSE_LENGTH = 100;

export function isSolved(exercise: Exercise, session: LabSession, record: ExerciseRecord | undefined): boolean {
  if (!record || record.revealed) return false;
  if (exercise.kind === 'code') return record.passed === true;
  if (exercise.kind === 'numeric') return record.response !== undefined && judgeNumeric(exercise.generate(session), record.response).verdict === 'correct';
  return record.cells !== undefined && judgePuzzle(exercise.generate(session), record.cells).verdict === 'correct';
}

/** Ids of the solved exercises, in catalog order. */
export function solvedIds(session: LabSession, progress: LabProgress): string[] {
  return LAB_EXERCISES.filter((e) => isSolved(e, session, progress[e.id])).map((e) => e.id);
}

export interface ProgressFile {
  readonly format: typeof PROGRESS_FORMAT;
  readonly version: number;
  readonly seed: string;
  readonly student: string;
  readonly exported: string;
  readonly exercises: LabProgress;
}

export function progressFile(session: LabSession, progress: LabProgress, now: Date): ProgressFile {
  return {
    format: PROGRESS_FORMAT,
    version: PROGRESS_FORMAT_VERSION,
    seed: session.seed,
    student: session.student,
    exported: now.toISOString(),
    exercises: progress,
  };
}

export type ImportResult = { readonly ok: true; readonly session: LabSession; readonly progress: LabProgress } | { readonly ok: false; readonly error: string };

const fail = (error: string): ImportResult => ({ ok: false, error });
const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function checkRecord(id: string, raw: unknown): ExerciseRecord | string {
  const exercise = exerciseById(id);
  if (!exercise) return `unknown exercise “${id.slice(0, 40)}” (a file from another version of the lab?)`;
  if (!isRecord(raw)) return `exercise ${id}: not an object`;
  const record: { -readonly [K in keyof ExerciseRecord]: ExerciseRecord[K] } = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'response' && exercise.kind === 'numeric' && typeof value === 'string' && value.length <= MAX_RESPONSE_LENGTH) record.response = value;
    else if (key === 'code' && exercise.kind === 'code' && typeof value === 'string' && value.length <= MAX_CODE_LENGTH) record.code = value;
    else if (key === 'passed' && exercise.kind === 'code' && typeof value === 'boolean') record.passed = value;
    else if (key === 'revealed' && typeof value === 'boolean') record.revealed = value;
    else if (
      key === 'cells' &&
      exercise.kind === 'kernel-puzzle' &&
      Array.isArray(value) &&
      value.length <= 256 &&
      value.every((c) => Number.isInteger(c) && c >= 0 && c < 256)
    ) {
      record.cells = value as number[];
    } else return `exercise ${id}: unexpected or invalid field “${key.slice(0, 40)}”`;
  }
  return record;
}

/** The valid records of a stored progress object; anything else (an edited localStorage) is dropped. */
export function sanitizeProgress(raw: unknown): LabProgress {
  if (!isRecord(raw)) return {};
  const progress: Record<string, ExerciseRecord> = {};
  for (const [id, value] of Object.entries(raw)) {
    const record = checkRecord(id, value);
    if (typeof record !== 'string') progress[id] = record;
  }
  return progress;
}

export function parseProgressFile(text: string): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return fail('This is not a JSON file. Choose a file saved with “Export progress”.');
  }
  if (!isRecord(data) || data['format'] !== PROGRESS_FORMAT) return fail('This JSON file is not a RepVGG Notebook lab progress file.');
  if (data['version'] !== PROGRESS_FORMAT_VERSION)
    return fail(`This progress file has format version ${String(data['version'])}; this page reads version ${PROGRESS_FORMAT_VERSION}.`);
  const seed = typeof data['seed'] === 'string' ? normalizeSeed(data['seed']) : null;
  if (seed === null) return fail('The file’s lab seed is missing or invalid.');
  const student = typeof data['student'] === 'string' ? normalizeStudent(data['student']) : null;
  if (student === null || student === '') return fail('The file’s student identifier is missing or invalid.');
  const exercises = data['exercises'];
  if (!isRecord(exercises)) return fail('The file has no exercises.');
  const progress: Record<string, ExerciseRecord> = {};
  for (const [id, raw] of Object.entries(exercises)) {
    const record = checkRecord(id, raw);
    if (typeof record === 'string') return fail(`The file is damaged: ${record}.`);
    progress[id] = record;
  }
  return { ok: true, session: { seed, student }, progress };
}
