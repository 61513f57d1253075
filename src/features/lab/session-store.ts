/**
 * Where the lab's state lives in the browser.
 *
 * - The lab seed is in the address, `?lab=SEED`: the teacher's link carries it, and a reload or a
 *   shared link opens the same lab. (A plain key rather than UrlState's `prefix.name` form, so the
 *   link is short enough to dictate.)
 * - The student's identifier is NOT in the address: addresses end up in browser history, shared
 *   screenshots, chat messages and server logs, and a name or student number should not. It is
 *   kept in localStorage, per seed, together with the progress.
 * - The active session (seed + identifier) is remembered too, so the "Try it" sections of the
 *   chapters, whose links carry no `?lab`, show the same student's numbers.
 *
 * localStorage can be missing or full (private windows, quotas): everything then still works for
 * the open page, and `storageWorks` lets the page say that progress is not kept.
 */
import { type ExerciseRecord, type LabProgress, sanitizeProgress } from '../../lab/progress';
import { type LabSession, PRACTICE_SEED, normalizeSeed, normalizeStudent } from '../../lab/session';

/** Fired on window when the seed or the identifier changes: widgets draw new numbers. */
export const SESSION_EVENT = 'repvgg-lab:session';
/** Fired on window when any exercise's record changes: the completion code is recomputed. */
export const PROGRESS_EVENT = 'repvgg-lab:progress';

const PREFIX = 'repvgg-lab:v1:';
const memory = new Map<string, string>();

function read(key: string): string | null {
  try {
    return localStorage.getItem(PREFIX + key);
  } catch {
    return memory.get(key) ?? null;
  }
}

function write(key: string, value: string): boolean {
  memory.set(key, value);
  try {
    localStorage.setItem(PREFIX + key, value);
    return true;
  } catch {
    return false;
  }
}

export let storageWorks = true;

export interface CurrentSession extends LabSession {
  /** Where the seed came from: the address, the remembered session, or none (practice). */
  readonly source: 'url' | 'remembered' | 'practice';
  /** A `?lab=` value that is not a valid seed, to tell the reader. */
  readonly invalidUrlSeed?: string;
}

const studentKey = (seed: string) => `student:${seed}`;
const progressKey = (s: LabSession) => `progress:${JSON.stringify([s.seed, s.student])}`;

function remembered(): LabSession | null {
  try {
    const value = JSON.parse(read('active') ?? 'null') as unknown;
    if (typeof value !== 'object' || value === null) return null;
    const { seed, student } = value as Record<string, unknown>;
    const s = typeof seed === 'string' ? normalizeSeed(seed) : null;
    const t = typeof student === 'string' ? normalizeStudent(student) : null;
    return s !== null && t !== null ? { seed: s, student: t } : null;
  } catch {
    return null;
  }
}

export function currentSession(): CurrentSession {
  const raw = new URLSearchParams(location.search).get('lab');
  const seed = raw === null ? null : normalizeSeed(raw);
  const invalid = raw !== null && seed === null ? { invalidUrlSeed: raw.slice(0, 60) } : {};
  if (seed !== null) return { seed, student: normalizeStudent(read(studentKey(seed)) ?? '') ?? '', source: 'url' };
  const active = remembered();
  if (active) return { ...active, source: 'remembered', ...invalid };
  return { seed: PRACTICE_SEED, student: '', source: 'practice', ...invalid };
}

/** Makes this the session every lab widget (on this page and the next) uses. */
export function activate(session: LabSession): void {
  storageWorks = write(studentKey(session.seed), session.student) && write('active', JSON.stringify(session));
  const url = new URL(location.href);
  if (session.seed === PRACTICE_SEED) url.searchParams.delete('lab');
  else url.searchParams.set('lab', session.seed);
  if (url.href !== location.href) history.replaceState(history.state, '', url);
  dispatchEvent(new CustomEvent(SESSION_EVENT));
}

export function loadProgress(session: LabSession): LabProgress {
  try {
    return sanitizeProgress(JSON.parse(read(progressKey(session)) ?? '{}'));
  } catch {
    return {};
  }
}

export function saveRecord(session: LabSession, id: string, record: ExerciseRecord): void {
  replaceProgress(session, { ...loadProgress(session), [id]: record });
}

export function replaceProgress(session: LabSession, progress: LabProgress): void {
  storageWorks = write(progressKey(session), JSON.stringify(progress));
  dispatchEvent(new CustomEvent(PROGRESS_EVENT));
}
