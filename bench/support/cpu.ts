import { existsSync, readFileSync } from 'node:fs';

/** Kernel clock ticks per second, in which /proc reports CPU time (100 on Linux unless built otherwise). */
const TICKS_PER_SECOND = 100;

/** CPU seconds a process (all its threads) has used so far, or 0 when it is gone; Linux /proc only. */
function processSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the fields after the command name, which is in parentheses and may hold spaces
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Busy CPU seconds of the whole machine so far (everything but idle and I/O wait). */
function machineSeconds(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = ticks;
  return (user! + nice! + system! + irq! + softirq! + steal!) / TICKS_PER_SECOND;
}

export const CPU_ACCOUNTING = existsSync('/proc/stat');

/** The processes whose CPU is accounted for, by name; the rest of the machine is reported as `others`. */
export type Pids = Record<string, number[]>;

/** Cores used on average during a window, per process group, by this benchmark's client, and by everything else. */
export type CpuUse = Record<string, number>;

export class CpuWindow {
  private readonly startedAt = process.hrtime.bigint();
  private readonly machine = machineSeconds();
  private readonly client = process.cpuUsage();
  private readonly groups: Record<string, number>;

  constructor(private readonly pids: Pids) {
    this.groups = Object.fromEntries(Object.entries(pids).map(([name, list]) => [name, sum(list)]));
  }

  /** Average cores used since the window opened. */
  close(): CpuUse {
    const seconds = Number(process.hrtime.bigint() - this.startedAt) / 1e9;
    const cores = (cpuSeconds: number) => Math.round((cpuSeconds / seconds) * 100) / 100;
    const clientUsage = process.cpuUsage(this.client);
    const use: CpuUse = {};
    let ours = (clientUsage.user + clientUsage.system) / 1e6;
    use.client = cores(ours);
    for (const [name, list] of Object.entries(this.pids)) {
      const used = sum(list) - this.groups[name]!;
      ours += used;
      use[name] = cores(used);
    }
    use.others = Math.max(0, cores(machineSeconds() - this.machine - ours));
    return use;
  }
}

function sum(pids: number[]): number {
  return pids.reduce((total, pid) => total + processSeconds(pid), 0);
}
