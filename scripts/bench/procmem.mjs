/**
 * Memory of a process tree (the browser and all its children: zygotes, renderers, GPU/utility processes), read from
 * /proc. For each process: Rss and Pss from /proc/PID/smaps_rollup (VmRSS from /proc/PID/status if unreadable).
 * - RSS sum: what the brief asks for; counts pages shared between processes (libraries, the zygote's image) once per
 *   process, so it overstates.
 * - PSS sum: shared pages split between the processes sharing them: the tree's real share of RAM.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc/PID/stat's CPU times. */
const TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Fields of /proc/PID/stat after the command name: [0] state, [1] ppid, … [11] utime, [12] stime, … */
function statFields(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces and parentheses: fields resume after the last ')'.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** User + system CPU time of one process (all its threads), seconds, or null when it is gone. */
export function cpuSeconds(pid) {
  try {
    const f = statFields(pid);
    return (Number(f[11]) + Number(f[12])) / TICKS;
  } catch {
    return null;
  }
}

/** CPU time of this process's waited-for children (cutime + cstime), seconds: native ffmpeg runs. */
export function childrenCpuSeconds() {
  const f = statFields('self');
  return (Number(f[13]) + Number(f[14])) / TICKS;
}

function parentOf(pid) {
  try {
    return Number(statFields(pid)[1]);
  } catch {
    return null;
  }
}

/** PIDs of `root` and all its descendants. */
export function processTree(root) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const ppid = parentOf(name);
    if (ppid === null) continue;
    const list = children.get(ppid) ?? [];
    list.push(Number(name));
    children.set(ppid, list);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []));
  return tree;
}

function memoryOf(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const rss = /^Rss:\s+(\d+) kB/m.exec(text);
    const pss = /^Pss:\s+(\d+) kB/m.exec(text);
    if (rss && pss) return { rssKb: Number(rss[1]), pssKb: Number(pss[1]) };
  } catch {
    /* fall through */
  }
  try {
    const rss = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (rss) return { rssKb: Number(rss[1]), pssKb: Number(rss[1]) };
  } catch {
    /* the process ended */
  }
  return null;
}

/** Chromium's name for a process: `--type=` (and `--utility-sub-type=`) from its command line; `browser` if none. */
function kindOf(pid) {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
    const value = (flag) => args.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1);
    const type = value('--type');
    if (!type) return 'browser';
    const sub = value('--utility-sub-type');
    return sub ? `${type}:${sub.split('.').pop()}` : type;
  } catch {
    return '?';
  }
}

const toMB = (kb) => (kb * 1024) / 1e6;

/**
 * One reading of the whole tree: summed RSS and PSS, MB (10^6 bytes), the process count, and PSS per process kind
 * (browser, renderer, gpu-process, zygote, utility:…), MB.
 */
export function treeMemory(root, cpuByPid = null) {
  let rssKb = 0;
  let pssKb = 0;
  let processes = 0;
  const pssByKindKb = {};
  for (const pid of processTree(root)) {
    if (cpuByPid) {
      const cpu = cpuSeconds(pid);
      if (cpu !== null) cpuByPid.set(pid, cpu);
    }
    const m = memoryOf(pid);
    if (!m) continue;
    rssKb += m.rssKb;
    pssKb += m.pssKb;
    processes++;
    const kind = kindOf(pid);
    pssByKindKb[kind] = (pssByKindKb[kind] ?? 0) + m.pssKb;
  }
  const pssByKindMB = Object.fromEntries(Object.entries(pssByKindKb).map(([k, kb]) => [k, Math.round(toMB(kb))]));
  return { rssMB: toMB(rssKb), pssMB: toMB(pssKb), processes, pssByKindMB };
}

/**
 * Polls the tree every `intervalMs` until stop(); stop() returns the peaks (each its own maximum over the samples),
 * the PSS per process kind at the PSS peak, the first and last readings, the number of samples, and `cpuSec`: the
 * user + system CPU time the tree spent meanwhile (processes that end between two polls lose their last 200 ms).
 */
export function watchTree(root, intervalMs = 200) {
  const peak = { rssMB: 0, pssMB: 0, processes: 0, samples: 0, pssByKindAtPeakMB: {}, start: null, end: null, cpuSec: 0 };
  // CPU: each process's first and last reading; a process born during the watch counts from 0.
  const cpuFirst = new Map();
  const cpuLast = new Map();
  treeMemory(root, cpuFirst);
  const sample = () => {
    const m = treeMemory(root, cpuLast);
    peak.rssMB = Math.max(peak.rssMB, m.rssMB);
    if (m.pssMB > peak.pssMB) {
      peak.pssMB = m.pssMB;
      peak.pssByKindAtPeakMB = m.pssByKindMB;
    }
    peak.processes = Math.max(peak.processes, m.processes);
    peak.samples++;
    peak.start ??= { rssMB: Math.round(m.rssMB), pssMB: Math.round(m.pssMB) };
    peak.end = { rssMB: Math.round(m.rssMB), pssMB: Math.round(m.pssMB) };
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      let cpu = 0;
      for (const [pid, last] of cpuLast) cpu += last - (cpuFirst.get(pid) ?? 0);
      peak.cpuSec = +cpu.toFixed(2);
      return { ...peak };
    },
  };
}
