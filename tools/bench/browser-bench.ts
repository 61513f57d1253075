/**
 * What the browser benchmarks share (bench:infer, bench:checkpoints): the built site served by
 * `astro preview`, and the memory of one Chromium (all its processes).
 */
import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export const gb = (bytes: number): string => `${(bytes / 1e9).toFixed(2)} GB`;

/**
 * Proportional set size (PSS: shared pages split between the processes that share them) of a
 * process and all its descendants: this browser's memory, not other Chromiums on the machine.
 */
export function treeMemory(root: number): number {
  const procs = execSync('ps -eo pid=,ppid=')
    .toString()
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const inTree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of procs) {
      if (inTree.has(ppid) && !inTree.has(pid)) {
        inTree.add(pid);
        grew = true;
      }
    }
  }
  let bytes = 0;
  for (const pid of inTree) {
    try {
      const pss = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      bytes += Number(pss?.[1] ?? 0) * 1024;
    } catch {
      // the process ended between ps and the read
    }
  }
  return bytes;
}

/** `astro preview` of dist/ on `port`, once `page` answers; stop it with process.kill(-server.pid, 'SIGTERM'). */
export async function startPreview(port: number, page = 'run'): Promise<ChildProcess> {
  if (!existsSync(`dist/${page}/index.html`)) throw new Error('no built site in dist/: run `npm run build` first');
  const server = spawn('npx', ['astro', 'preview', '--port', String(port), '--host', 'localhost'], { stdio: 'ignore', detached: true });
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`http://localhost:${port}/${page}/`)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('astro preview did not start');
}
